/**
 * The real-Prometheus fixture, shared by the jest tests, the browser test, `npm run demo` and the bench.
 */
export { startMeshFixture, UNREACHABLE_CLUSTER } from './startMeshFixture';
export type { MeshFixture } from './startMeshFixture';
export { startPrometheus } from './startPrometheus';
export { startMisbehavingPrometheus } from './startMisbehavingPrometheus';
export {
  fixtureClusters,
  lifecycleClusters,
  upgradeClusters,
  expectedTraffic,
} from './fixtureClusters';
export { startCountingProxy } from './startCountingProxy';
