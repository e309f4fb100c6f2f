import { DEFAULT_HEALTH_THRESHOLDS } from '@mesh-templates/plugin-mesh-common';
import { MeshConfig } from '../config/MeshConfig';
import { healthyCluster } from '../testing/fixtureClusters';
import {
  MisbehavingServer,
  startMisbehavingPrometheus,
} from '../testing/startMisbehavingPrometheus';
import { PrometheusServer, startPrometheus } from '../testing/startPrometheus';
import { MeshHealthService } from './MeshHealthService';

jest.setTimeout(60_000);

const TIMEOUT_MS = 1000;

describe('slow and broken clusters', () => {
  let healthy: PrometheusServer;
  let slow: MisbehavingServer;
  let http500: MisbehavingServer;
  let garbage: MisbehavingServer;

  beforeAll(async () => {
    [healthy, slow, http500, garbage] = await Promise.all([
      startPrometheus({ clusters: [healthyCluster], maxLifetimeSec: 600 }),
      startMisbehavingPrometheus('slow', { delayMs: 10_000 }),
      startMisbehavingPrometheus('http500'),
      startMisbehavingPrometheus('garbage'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([healthy, slow, http500, garbage].map(s => s?.stop()));
  });

  function service(): MeshHealthService {
    const cluster = (name: string, url: string) => ({
      name,
      prometheus: { url, headers: {} },
      links: {},
    });
    const config: MeshConfig = {
      clusters: [
        cluster('cluster-east', healthy.url),
        cluster('slow', slow.url),
        cluster('http500', http500.url),
        cluster('garbage', garbage.url),
      ],
      clusterTimeoutMs: TIMEOUT_MS,
      cacheTtlMs: 15_000,
      thresholds: DEFAULT_HEALTH_THRESHOLDS,
    };
    return MeshHealthService.fromConfig(config);
  }

  it('reports them unknown with a reason and keeps the healthy one right, without waiting for the slow one', async () => {
    const clusters = await service().getHealth();

    expect(clusters.map(c => [c.name, c.status, c.reasons])).toEqual([
      ['cluster-east', 'healthy', []],
      [
        'slow',
        'unknown',
        [`Prometheus did not answer within ${TIMEOUT_MS} ms`],
      ],
      ['http500', 'unknown', ['Prometheus answered HTTP 500']],
      [
        'garbage',
        'unknown',
        ['Prometheus answered with a body that is not JSON'],
      ],
    ]);
    // The slow server holds every request for 10 s: none was answered when the health came back.
    expect(slow.requests).toBeGreaterThan(0);
    expect(slow.answered).toBe(0);
  });

  it('serves the broken clusters from cache too, so a burst does not ask the slow one again', async () => {
    const health = service();
    await health.getHealth();
    const asked = [slow.requests, http500.requests, garbage.requests];

    const again = await health.getHealth();

    expect(again[1].status).toBe('unknown');
    expect([slow.requests, http500.requests, garbage.requests]).toEqual(asked);
  });
});
