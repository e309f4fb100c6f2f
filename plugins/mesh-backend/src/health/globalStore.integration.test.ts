import { ConfigReader } from '@backstage/config';
import { pollUntil } from '@mesh-templates/plugin-mesh-common';
import { readMeshConfig } from '../config/readMeshConfig';
import {
  fixtureClusters,
  smallHealthyCluster,
} from '../testing/fixtureClusters';
import { buildOpenMetrics } from '../testing/openMetrics';
import {
  CountingProxy,
  startCountingProxy,
} from '../testing/startCountingProxy';
import {
  RemoteWritingPrometheus,
  startRemoteWritingPrometheus,
} from '../testing/startRemoteWritingPrometheus';
import {
  startVictoriaMetrics,
  VictoriaMetricsServer,
} from '../testing/startVictoriaMetrics';
import { MeshHealthService } from './MeshHealthService';

jest.setTimeout(180_000);

const STORED_CLUSTERS = 500;

function service(mesh: object) {
  return MeshHealthService.fromConfig(
    readMeshConfig(new ConfigReader({ mesh })),
  );
}

/**
 * The Thanos/Mimir shape with real engines: three Prometheus servers, each scraping one fixture
 * cluster and adding its own `cluster` external label, remote_write into one VictoriaMetrics, which
 * also holds 500 more clusters' series. Global mode reads the store through a counting proxy;
 * per-cluster mode reads the three Prometheus servers themselves — the same samples.
 */
describe('global mode against VictoriaMetrics fed by remote_write', () => {
  let store: VictoriaMetricsServer;
  let servers: RemoteWritingPrometheus[] = [];
  let proxy: CountingProxy;
  const stored = Array.from({ length: STORED_CLUSTERS }, (_, i) =>
    smallHealthyCluster(`stored-${String(i).padStart(3, '0')}`),
  );

  beforeAll(async () => {
    store = await startVictoriaMetrics({ maxLifetimeSec: 600 });
    const nowSec = Math.floor(Date.now() / 1000);
    await store.importPrometheusText(
      buildOpenMetrics(stored, {
        startSec: nowSec - 120,
        endSec: nowSec,
        stepSec: 30,
        clusterLabel: 'cluster',
        millisecondTimestamps: true,
      }),
    );
    servers = await Promise.all(
      fixtureClusters.map(cluster =>
        startRemoteWritingPrometheus({
          cluster,
          remoteWriteUrl: `${store.url}/api/v1/write`,
          originSec: nowSec - 3600,
          maxLifetimeSec: 600,
        }),
      ),
    );
    proxy = await startCountingProxy(store.url);
    // Ten seconds of every cluster's samples have reached the store through remote_write.
    await pollUntil(
      async () => {
        const res = await fetch(
          `${store.url}/api/v1/query?query=${encodeURIComponent(
            'count by (cluster) (count_over_time(up{job="istiod"}[1m]) >= 10)',
          )}`,
        );
        const body = await res.json();
        const ready = body.data.result.filter((r: any) =>
          fixtureClusters.some(c => c.name === r.metric.cluster),
        );
        return ready.length === fixtureClusters.length ? true : undefined;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 1000,
        description: 'remote-written samples in VictoriaMetrics',
      },
    );
  });
  afterAll(async () => {
    await Promise.all([proxy, ...servers, store].map(s => s?.stop()));
  });

  it('gives every cluster the status per-cluster mode gives it, for the cost of two upstream requests', async () => {
    const perCluster = service({
      clusters: fixtureClusters.map((c, i) => ({
        name: c.name,
        prometheus: { url: servers[i].url },
      })),
    });
    const global = service({
      prometheus: { url: proxy.url, clusterLabel: 'cluster' },
      clusters: [...fixtureClusters, ...stored].map(c => ({ name: c.name })),
    });
    const [own, fromStore] = await Promise.all([
      perCluster.getHealth(),
      global.getHealth(),
    ]);

    expect(proxy.requests.map(r => r.path).sort()).toEqual([
      '/api/v1/query',
      '/api/v1/query_range',
    ]);
    expect(fromStore).toHaveLength(fixtureClusters.length + STORED_CLUSTERS);
    for (const cluster of own) {
      const same = fromStore.find(c => c.name === cluster.name)!;
      expect({ name: same.name, status: same.status }).toEqual({
        name: cluster.name,
        status: cluster.status,
      });
      expect(same.controlPlane.versions).toEqual(cluster.controlPlane.versions);
      expect(same.proxies).toEqual(cluster.proxies);
      // Ratios do not depend on how each engine extrapolates a young series' rate.
      for (const ratio of [
        'errorRate5xx',
        'errorRate4xx',
        'mtlsShare',
      ] as const) {
        expect(same.traffic[ratio] ?? 0).toBeCloseTo(
          cluster.traffic[ratio] ?? 0,
          3,
        );
      }
    }
    expect(own.map(c => c.status)).toEqual(['healthy', 'degraded', 'failing']);
    expect(
      fromStore
        .filter(c => c.name.startsWith('stored-'))
        .every(c => c.status === 'healthy'),
    ).toBe(true);
  });
});
