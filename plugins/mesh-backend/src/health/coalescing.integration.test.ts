import { DEFAULT_HEALTH_THRESHOLDS } from '@mesh-templates/plugin-mesh-common';
import { MeshClusterConfig, MeshConfig } from '../config/MeshConfig';
import {
  degradedCluster,
  expectedTraffic,
  healthyCluster,
} from '../testing/fixtureClusters';
import {
  CountingProxy,
  startCountingProxy,
} from '../testing/startCountingProxy';
import {
  MisbehavingServer,
  startMisbehavingPrometheus,
} from '../testing/startMisbehavingPrometheus';
import { PrometheusServer, startPrometheus } from '../testing/startPrometheus';
import { TREND_STEP_SEC } from './ClusterHealthCollector';
import { MeshHealthService } from './MeshHealthService';

jest.setTimeout(60_000);

const TIMEOUT_MS = 1000;

function expectClose(actual: number | null, expected: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(
    Math.abs(expected) * 0.02 + 1e-9,
  );
}

function cluster(
  name: string,
  url: string,
  headers: Record<string, string> = {},
): MeshClusterConfig {
  return { name, prometheus: { url, headers }, links: {} };
}

function service(clusters: MeshClusterConfig[], timeoutMs = 3000) {
  const config: MeshConfig = {
    clusters,
    clusterTimeoutMs: timeoutMs,
    cacheTtlMs: 15_000,
    thresholds: DEFAULT_HEALTH_THRESHOLDS,
  };
  return MeshHealthService.fromConfig(config);
}

/**
 * Clusters configured with the same Prometheus (same URL and auth identity) cost that Prometheus one
 * instant and one range request per fan-out, however many they are; the counting proxy in front of a
 * real Prometheus sees exactly what was sent.
 */
describe('coalescing identical upstream requests within one fan-out', () => {
  let east: PrometheusServer;
  let west: PrometheusServer;
  let slow: MisbehavingServer;
  let eastProxy: CountingProxy;
  let westProxy: CountingProxy;

  beforeAll(async () => {
    [east, west, slow] = await Promise.all([
      startPrometheus({ clusters: [healthyCluster], maxLifetimeSec: 600 }),
      startPrometheus({ clusters: [degradedCluster], maxLifetimeSec: 600 }),
      startMisbehavingPrometheus('slow', { delayMs: 10_000 }),
    ]);
    [eastProxy, westProxy] = await Promise.all([
      startCountingProxy(east.url),
      startCountingProxy(west.url),
    ]);
  });
  afterAll(async () => {
    await Promise.all(
      [eastProxy, westProxy, slow, east, west].map(s => s?.stop()),
    );
  });
  beforeEach(() => {
    eastProxy.requests.length = 0;
    westProxy.requests.length = 0;
  });

  it('sends each distinct request once and gives every cluster the right answer', async () => {
    const clusters = [
      ...Array.from({ length: 6 }, (_, i) =>
        cluster(`east-${i}`, eastProxy.url),
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        cluster(`west-${i}`, westProxy.url),
      ),
    ];
    const health = await service(clusters).getHealth();

    expect(health.map(c => c.status)).toEqual([
      ...Array(6).fill('healthy'),
      ...Array(4).fill('degraded'),
    ]);
    for (const c of health.slice(0, 6)) {
      expectClose(
        c.traffic.requestsPerSecond,
        expectedTraffic(healthyCluster).requestsPerSecond,
      );
      expect(c.trend.requestsPerSecond).toHaveLength(13);
    }
    for (const c of health.slice(6)) {
      expectClose(
        c.traffic.errorRate5xx,
        expectedTraffic(degradedCluster).errorRate5xx,
      );
    }
    // 10 clusters, 2 Prometheus servers: 2 requests each, not 2 per cluster.
    for (const proxy of [eastProxy, westProxy]) {
      expect(proxy.requests.map(r => r.path).sort()).toEqual([
        '/api/v1/query',
        '/api/v1/query_range',
      ]);
    }
  });

  it('evaluates every cluster of a fan-out at one timestamp, the trend on one step-aligned end', async () => {
    await service([
      cluster('east', eastProxy.url),
      cluster('west', westProxy.url),
    ]).getHealth();
    const all = [...eastProxy.requests, ...westProxy.requests];
    const instant = all.filter(r => r.path === '/api/v1/query');
    const range = all.filter(r => r.path === '/api/v1/query_range');
    expect(instant).toHaveLength(2);
    expect(range).toHaveLength(2);
    expect(instant[0].params.time).toBe(instant[1].params.time);
    expect(range[0].params.end).toBe(range[1].params.end);
    expect(range[0].params.start).toBe(range[1].params.start);
    const end = Number(range[0].params.end);
    expect(end % TREND_STEP_SEC).toBe(0);
    expect(Number(instant[0].params.time) - end).toBeGreaterThanOrEqual(0);
    expect(Number(instant[0].params.time) - end).toBeLessThan(TREND_STEP_SEC);
  });

  it('does not share answers between different auth identities on the same URL', async () => {
    const health = await service([
      cluster('anonymous-a', eastProxy.url),
      cluster('anonymous-b', eastProxy.url),
      cluster('team-a-1', eastProxy.url, { Authorization: 'Bearer team-a' }),
      // Header names are case-insensitive: the same identity.
      cluster('team-a-2', eastProxy.url, { authorization: 'Bearer team-a' }),
      cluster('team-b', eastProxy.url, { Authorization: 'Bearer team-b' }),
      cluster('tenant-x', eastProxy.url, { 'X-Scope-OrgID': 'x' }),
    ]).getHealth();
    expect(health.every(c => c.status === 'healthy')).toBe(true);
    // Four identities (none, team-a, team-b, tenant x), two requests each.
    expect(eastProxy.requests).toHaveLength(8);
    const perIdentity = new Map<string, number>();
    for (const r of eastProxy.requests)
      perIdentity.set(r.authDigest, (perIdentity.get(r.authDigest) ?? 0) + 1);
    // tenant-x has no Authorization header, so the proxy files it with the anonymous ones.
    expect([...perIdentity.values()].sort()).toEqual([2, 2, 4]);
  });

  it("keeps a slow server's clusters unknown and the others right, without waiting for it", async () => {
    const health = await service(
      [
        cluster('slow-1', slow.url),
        cluster('east-1', eastProxy.url),
        cluster('slow-2', slow.url),
        cluster('east-2', eastProxy.url),
        cluster('slow-3', slow.url),
      ],
      TIMEOUT_MS,
    ).getHealth();
    const slowBefore = slow.requests;

    expect(health.map(c => [c.name, c.status, c.reasons])).toEqual([
      [
        'slow-1',
        'unknown',
        [`Prometheus did not answer within ${TIMEOUT_MS} ms`],
      ],
      ['east-1', 'healthy', []],
      [
        'slow-2',
        'unknown',
        [`Prometheus did not answer within ${TIMEOUT_MS} ms`],
      ],
      ['east-2', 'healthy', []],
      [
        'slow-3',
        'unknown',
        [`Prometheus did not answer within ${TIMEOUT_MS} ms`],
      ],
    ]);
    expect(slowBefore).toBe(2);
    // The slow server holds each request for 10 s: neither was answered when the health came back.
    expect(slow.answered).toBe(0);
    expect(eastProxy.requests).toHaveLength(2);
  });
});
