import {
  fixtureClusters,
  FixtureCluster,
  lifecycleClusters,
} from './fixtureClusters';
import { freePort } from '@mesh-templates/plugin-mesh-common/testing';
import { PrometheusServer, startPrometheus } from './startPrometheus';

/** A cluster name whose Prometheus address has nothing listening. */
export const UNREACHABLE_CLUSTER = 'cluster-north';

export interface MeshFixture {
  /** Name → Prometheus URL, including the unreachable cluster. */
  prometheusUrls: Record<string, string>;
  servers: PrometheusServer[];
  /** A `mesh` config block pointing at the fixture. */
  meshConfig(extra?: object): {
    clusters: Array<{
      name: string;
      prometheus: { url: string };
      links?: object;
    }>;
  };
  stop(): Promise<void>;
}

/**
 * One real Prometheus per fake cluster (healthy, degraded, control plane down, and the lifecycle
 * clusters: root CA expiring in 5 days, an end-of-life Istio, spec drift), each on its own
 * 127.0.0.1 port, plus an address where nothing listens.
 */
export async function startMeshFixture(
  options: {
    clusters?: FixtureCluster[];
    futureSec?: number;
    maxLifetimeSec?: number;
  } = {},
): Promise<MeshFixture> {
  const clusters = options.clusters ?? [
    ...fixtureClusters,
    ...lifecycleClusters,
  ];
  const servers = await Promise.all(
    clusters.map(cluster =>
      startPrometheus({
        clusters: [cluster],
        futureSec: options.futureSec,
        maxLifetimeSec: options.maxLifetimeSec,
      }),
    ),
  );
  const prometheusUrls: Record<string, string> = {};
  clusters.forEach((c, i) => (prometheusUrls[c.name] = servers[i].url));
  // Free a moment ago and never bound by us: connecting is refused.
  prometheusUrls[UNREACHABLE_CLUSTER] = `http://127.0.0.1:${await freePort()}`;
  return {
    prometheusUrls,
    servers,
    meshConfig: () => ({
      clusters: Object.entries(prometheusUrls).map(([name, url]) => ({
        name,
        prometheus: { url },
        links: {
          kiali: `https://kiali.example.com/${name}`,
          grafana: `https://grafana.example.com/d/istio-mesh?var-cluster=${name}`,
        },
      })),
    }),
    stop: async () => {
      await Promise.all(servers.map(s => s.stop()));
    },
  };
}
