import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KubernetesObject } from '../../bundle/meshBundle';
import { applyMeshBundle } from '../applyMeshBundle';
import { kubernetesConfigFor, startContractClusters } from './contractClusters';
import { deployment, namespace, writeHandMadeBundle } from './handMadeBundle';

export interface ApplyBenchOptions {
  /** Fixed delay of every contract-server response, standing in for network latency. */
  delayMs?: number;
  /** Requests in flight at once (the apply step's bound). */
  concurrency?: number;
}

export interface ApplyBenchResult {
  objects: number;
  tiers: number;
  delayMs: number;
  concurrency: number;
  /** First apply to an empty cluster: discovery, dry-run of everything, three tiers. */
  firstApplyMs: number;
  firstApplyRequests: number;
  /** Sequential request waves of the first apply: the round trips of latency it cannot avoid. */
  firstApplyWaves: number;
  /** Second apply of the same bundle: everything unchanged. */
  secondApplyMs: number;
  secondApplyRequests: number;
  secondApplyWaves: number;
  /** What the first apply would take with one request at a time. */
  sequentialEstimateMs: number;
}

/**
 * Applies a 60-object bundle (4 namespaces, 6 cluster-scoped objects, 50 namespaced objects)
 * to a contract API server with a fixed per-request delay, twice, for `npm run bench` and the
 * wave-count test. Waves are counted by the server (see RequestWaves), times measured here.
 */
export async function benchApply(
  options: ApplyBenchOptions = {},
): Promise<ApplyBenchResult> {
  const delayMs = options.delayMs ?? 50;
  const concurrency = options.concurrency ?? 16;
  const objects = benchObjects();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mesh-apply-bench-'));
  const [cluster] = await startContractClusters(['bench'], { delayMs });
  try {
    await writeHandMadeBundle(dir, { bench: objects });
    const run = async () => {
      const started = performance.now();
      const [report] = await applyMeshBundle({
        config: kubernetesConfigFor([cluster]),
        bundleDir: dir,
        clusters: ['bench'],
        dryRunOnly: false,
        force: false,
        remoteSecrets: false,
        log: () => {},
        concurrency,
      });
      const failed = report.results.filter(r => r.outcome === 'failed');
      if (failed.length > 0) {
        throw new Error(
          `bench apply failed: ${failed
            .map(f => `${f.kind} ${f.name}: ${f.reason}`)
            .join('; ')}`,
        );
      }
      return performance.now() - started;
    };
    const { server } = cluster;
    const firstApplyMs = await run();
    const firstApplyRequests = server.requests.length;
    const firstApplyWaves = server.waves.count();
    const secondApplyMs = await run();
    return {
      objects: objects.length,
      tiers: 3,
      delayMs,
      concurrency,
      firstApplyMs: Math.round(firstApplyMs),
      firstApplyRequests,
      firstApplyWaves,
      secondApplyMs: Math.round(secondApplyMs),
      secondApplyRequests: server.requests.length - firstApplyRequests,
      secondApplyWaves: server.waves.count(firstApplyRequests),
      sequentialEstimateMs: firstApplyRequests * delayMs,
    };
  } finally {
    await cluster.server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function benchObjects(): KubernetesObject[] {
  const namespaces = ['mesh-a', 'mesh-b', 'mesh-c', 'mesh-d'];
  const clusterRoles = Array.from({ length: 6 }, (_, i) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: `mesh-reader-${i}` },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
  }));
  const namespaced = Array.from({ length: 50 }, (_, i) => {
    const ns = namespaces[i % namespaces.length];
    return i % 2 === 0
      ? deployment(`app-${i}`, ns)
      : {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `config-${i}`, namespace: ns },
          data: { index: String(i) },
        };
  });
  return [...namespaces.map(namespace), ...clusterRoles, ...namespaced];
}
