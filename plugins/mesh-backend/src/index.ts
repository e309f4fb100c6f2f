/**
 * Backend plugin of the mesh templates: per-cluster Istio mesh health from Prometheus.
 *
 * @packageDocumentation
 */
export { meshPlugin as default } from './plugin';
