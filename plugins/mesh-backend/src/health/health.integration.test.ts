import { ClusterHealth } from '@mesh-templates/plugin-mesh-common';
import { ConfigReader } from '@backstage/config';
import { readMeshConfig } from '../config/readMeshConfig';
import {
  controlPlaneDownCluster,
  degradedCluster,
  expectedTraffic,
  FixtureCluster,
  fixtureClusters,
  healthyCluster,
} from '../testing/fixtureClusters';
import {
  MeshFixture,
  startMeshFixture,
  UNREACHABLE_CLUSTER,
} from '../testing/startMeshFixture';
import { PrometheusServer, startPrometheus } from '../testing/startPrometheus';
import {
  CountingProxy,
  startCountingProxy,
} from '../testing/startCountingProxy';
import { MeshHealthService } from './MeshHealthService';

jest.setTimeout(60_000);

/** Within 2 % of what the fixture was built to hold. */
function expectClose(actual: number | null, expected: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(
    Math.abs(expected) * 0.02 + 1e-9,
  );
}

/** The traffic numbers and the hour's trend a fixture cluster was built to hold, within 2 %. */
function expectTrafficOf(health: ClusterHealth, cluster: FixtureCluster) {
  const expected = expectedTraffic(cluster);
  expectClose(health.traffic.requestsPerSecond, expected.requestsPerSecond);
  expectClose(health.traffic.errorRate5xx, expected.errorRate5xx);
  expectClose(health.traffic.errorRate4xx, expected.errorRate4xx);
  expectClose(health.traffic.mtlsShare, expected.mtlsShare);
  expectClose(health.traffic.latencyP50Ms, expected.latencyP50Ms);
  expectClose(health.traffic.latencyP99Ms, expected.latencyP99Ms);
  // The last hour in 5-minute steps, with the same steady rate at every point.
  expect(health.trend.requestsPerSecond).toHaveLength(13);
  for (const point of health.trend.requestsPerSecond)
    expectClose(point.v, expected.requestsPerSecond);
  expect(health.trend.errorRate5xx).toHaveLength(13);
  for (const point of health.trend.errorRate5xx)
    expectClose(point.v, expected.errorRate5xx);
}

function serviceFor(mesh: object) {
  return MeshHealthService.fromConfig(
    readMeshConfig(new ConfigReader({ mesh })),
  );
}

describe('mesh health against real Prometheus servers', () => {
  let fixture: MeshFixture;
  beforeAll(async () => {
    fixture = await startMeshFixture({ maxLifetimeSec: 600 });
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  it('reports each cluster right, and the unreachable one unknown without spoiling the rest', async () => {
    const clusters = await serviceFor(fixture.meshConfig()).getHealth();
    const byName = Object.fromEntries(clusters.map(c => [c.name, c]));
    expect(clusters.map(c => c.name)).toEqual([
      'cluster-east',
      'cluster-west',
      'cluster-south',
      'cluster-ca',
      'cluster-legacy',
      'cluster-drift',
      UNREACHABLE_CLUSTER,
    ]);

    const east = byName['cluster-east'];
    expect(east.status).toBe('healthy');
    expect(east.reasons).toEqual([]);
    expect(east.controlPlane.istiodUp).toBe(true);
    expect(east.controlPlane.versions).toEqual(['1.30.1']);
    expect(east.controlPlane.connectedProxies).toBe(12);
    expect(east.controlPlane.xdsRejectsPerMinute).toBe(0);
    expectClose(east.controlPlane.pushP99Ms, healthyCluster.pushP99Ms);
    expect(east.proxies).toEqual({
      versions: [
        { version: '1.29.3', count: 1 },
        { version: '1.30.1', count: 11 },
      ],
      skew: 1,
    });

    const west = byName['cluster-west'];
    expect(west.status).toBe('degraded');
    expect(west.reasons).toEqual([
      '5xx ratio 2.6% is at or above 0.10%',
      'proxies reject xDS configuration: 3.0 per minute',
      'sidecars more than 1 minor version(s) from istiod 1.30.1: 2 on 1.28.0',
    ]);
    expectClose(
      west.controlPlane.xdsRejectsPerMinute,
      degradedCluster.xdsRejectsPerMinute,
    );
    expect(west.controlPlane.connectedProxies).toBe(8);

    const south = byName['cluster-south'];
    expect(south.status).toBe('failing');
    expect(south.reasons).toEqual(['istiod is down: no istiod target is up']);
    expect(south.controlPlane.connectedProxies).toBeNull();
    expectClose(
      south.traffic.requestsPerSecond,
      expectedTraffic(controlPlaneDownCluster).requestsPerSecond,
    );

    const north = byName[UNREACHABLE_CLUSTER];
    expect(north.status).toBe('unknown');
    expect(north.reasons).toEqual(['Prometheus is unreachable (ECONNREFUSED)']);
  });

  it('fails a cluster whose root CA expires in 5 days and degrades one on an end-of-life Istio', async () => {
    const clusters = await serviceFor(fixture.meshConfig()).getHealth({
      clusterNames: ['cluster-east', 'cluster-ca', 'cluster-legacy'],
    });
    const [east, ca, legacy] = clusters;
    const inDays = (iso: string | null) =>
      (Date.parse(iso!) - Date.parse(east.observedAt)) / 86_400_000;
    expect(Math.round(inDays(east.certificates.rootExpiresAt))).toBe(3650);
    expect(Math.round(inDays(east.certificates.istiodExpiresAt))).toBe(365);
    expect(east.endOfLife).toBeNull();

    expect(ca.status).toBe('failing');
    expect(ca.reasons).toEqual([
      expect.stringMatching(
        /^mesh root CA certificate expires in 5 days \(\d{4}-\d\d-\d\d\), under 7 days$/,
      ),
    ]);
    expect(Math.round(inDays(ca.certificates.rootExpiresAt))).toBe(5);

    expect(legacy.status).toBe('degraded');
    expect(legacy.endOfLife).toBe('2026-05-31');
    expect(legacy.reasons).toEqual([
      'Istio 1.28.4 reached end of life on 2026-05-31: no more security fixes',
    ]);
  });

  it("shows drift when the entity's committed spec disagrees with istiod, and ztunnel per node", async () => {
    const service = serviceFor(fixture.meshConfig());
    const [plain] = await service.getHealth({
      clusterNames: ['cluster-drift'],
    });
    expect(plain.status).toBe('healthy');
    expect(plain.revisions).toEqual(['default']);
    expect(plain.ztunnel).toEqual({
      nodes: 3,
      up: 3,
      versions: [{ version: '1.30.3', count: 3 }],
    });
    const [drift] = await service.getHealth({
      clusterNames: ['cluster-drift'],
      expected: { version: '1.31.1', revision: '1-31' },
    });
    expect(drift.status).toBe('degraded');
    expect(drift.reasons).toEqual([
      'Git says 1.31.1, the cluster runs 1.30.3',
      'Git says revision 1-31, istiod runs default',
    ]);
    expect(drift.drift).toEqual({
      expected: { version: '1.31.1', revision: '1-31' },
      actual: { versions: ['1.30.3'], revisions: ['default'] },
      drifted: true,
    });
    const [same] = await service.getHealth({
      clusterNames: ['cluster-drift'],
      expected: { version: '1.30.3' },
    });
    expect(same.status).toBe('healthy');
    expect(same.drift?.drifted).toBe(false);
  });

  it.each(fixtureClusters.map(c => [c.name, c] as const))(
    'counts %s requests once and matches its rates, ratios and latency within 2 %%',
    async (name, cluster) => {
      const [health] = await serviceFor(fixture.meshConfig()).getHealth({
        clusterNames: [name],
      });
      expect(health.name).toBe(name);
      expectTrafficOf(health, cluster);
    },
  );

  it("narrows a Component's traffic to its workload", async () => {
    const [west] = await serviceFor(fixture.meshConfig()).getHealth({
      clusterNames: ['cluster-west'],
      workload: { id: 'reviews', namespace: 'bookinfo' },
    });
    const expected = expectedTraffic(degradedCluster, 'reviews');
    expectClose(west.traffic.requestsPerSecond, expected.requestsPerSecond);
    expectClose(west.traffic.errorRate5xx, expected.errorRate5xx);
    expectClose(west.traffic.mtlsShare, expected.mtlsShare);
    const [none] = await serviceFor(fixture.meshConfig()).getHealth({
      clusterNames: ['cluster-west'],
      workload: { id: 'reviews', namespace: 'elsewhere' },
    });
    expect(none.traffic.requestsPerSecond).toBeNull();
  });
});

describe('global mode: one Prometheus holding every cluster', () => {
  let server: PrometheusServer;
  let proxy: CountingProxy;
  beforeAll(async () => {
    server = await startPrometheus({
      clusters: fixtureClusters,
      clusterLabel: 'k8s_cluster',
      maxLifetimeSec: 600,
    });
    proxy = await startCountingProxy(server.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
  });
  beforeEach(() => {
    proxy.requests.length = 0;
  });

  const globalService = () =>
    serviceFor({
      prometheus: { url: proxy.url, clusterLabel: 'k8s_cluster' },
      // cluster-north has no series in the shared Prometheus.
      clusters: [...fixtureClusters.map(c => c.name), UNREACHABLE_CLUSTER].map(
        name => ({ name }),
      ),
    });

  it('tells the clusters apart by the cluster label', async () => {
    const clusters = await globalService().getHealth();
    expect(clusters.map(c => [c.name, c.status])).toEqual([
      ['cluster-east', 'healthy'],
      ['cluster-west', 'degraded'],
      ['cluster-south', 'failing'],
      [UNREACHABLE_CLUSTER, 'unknown'],
    ]);
    expectClose(
      clusters[1].traffic.requestsPerSecond,
      expectedTraffic(degradedCluster).requestsPerSecond,
    );
    expect(clusters[0].controlPlane.connectedProxies).toBe(12);
  });

  it('asks once for all clusters, grouped by the cluster label, and splits the answer right', async () => {
    const clusters = await globalService().getHealth();
    // One instant and one range query for four clusters.
    expect(proxy.requests.map(r => r.path).sort()).toEqual([
      '/api/v1/query',
      '/api/v1/query_range',
    ]);
    for (const request of proxy.requests) {
      expect(request.params.query).toMatch(/sum by \(k8s_cluster[,)]/);
      expect(request.params.query).toContain(
        'k8s_cluster=~"cluster-east|cluster-north|cluster-south|cluster-west"',
      );
    }

    const byName = Object.fromEntries(clusters.map(c => [c.name, c]));
    for (const fixtureCluster of fixtureClusters) {
      const health = byName[fixtureCluster.name];
      expectTrafficOf(health, fixtureCluster);
    }

    const east = byName['cluster-east'];
    expect(east.reasons).toEqual([]);
    expect(east.controlPlane.versions).toEqual(['1.30.1']);
    expectClose(east.controlPlane.pushP99Ms, healthyCluster.pushP99Ms);
    expect(east.proxies).toEqual({
      versions: [
        { version: '1.29.3', count: 1 },
        { version: '1.30.1', count: 11 },
      ],
      skew: 1,
    });
    expect(byName['cluster-west'].reasons).toEqual([
      '5xx ratio 2.6% is at or above 0.10%',
      'proxies reject xDS configuration: 3.0 per minute',
      'sidecars more than 1 minor version(s) from istiod 1.30.1: 2 on 1.28.0',
    ]);
    expect(byName['cluster-south'].reasons).toEqual([
      'istiod is down: no istiod target is up',
    ]);
    expect(byName[UNREACHABLE_CLUSTER].reasons).toEqual([
      'Prometheus holds no Istio metrics for this cluster',
    ]);
  });

  it("narrows a Component's traffic to its workload in every cluster, still in one query", async () => {
    const clusters = await globalService().getHealth({
      clusterNames: ['cluster-east', 'cluster-west'],
      workload: { id: 'reviews', namespace: 'bookinfo' },
    });
    expect(proxy.requests).toHaveLength(2);
    expect(proxy.requests[0].params.query).toContain(
      'k8s_cluster=~"cluster-east|cluster-west"',
    );
    for (const [health, fixtureCluster] of [
      [clusters[0], healthyCluster],
      [clusters[1], degradedCluster],
    ] as const) {
      const expected = expectedTraffic(fixtureCluster, 'reviews');
      expectClose(health.traffic.requestsPerSecond, expected.requestsPerSecond);
      expectClose(health.traffic.errorRate5xx, expected.errorRate5xx);
      expectClose(health.traffic.mtlsShare, expected.mtlsShare);
    }
  });

  it('uses a plain equality matcher when one cluster is asked', async () => {
    const [west] = await globalService().getHealth({
      clusterNames: ['cluster-west'],
    });
    expect(west.status).toBe('degraded');
    expect(proxy.requests[0].params.query).toContain(
      'k8s_cluster="cluster-west"',
    );
  });
});
