import { randomBytes } from 'node:crypto';
// The repository's one throw-away PostgreSQL starter lives with the backend package's tests.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  startPostgres,
  TestPostgres,
} from '../../../../packages/backend/src/__testUtils__/startPostgres';
import { degradedCluster, healthyCluster } from '../testing/fixtureClusters';
import {
  BackendReplica,
  startBackendReplica,
} from '../testing/startBackendReplica';
import {
  CountingProxy,
  startCountingProxy,
} from '../testing/startCountingProxy';
import { PrometheusServer, startPrometheus } from '../testing/startPrometheus';
import { RedisServer, startRedis } from '../testing/startRedis';

jest.setTimeout(300_000);

const REQUESTS = 100;

/**
 * Two real backend processes behind one imaginary load balancer, sharing what production replicas
 * share: one PostgreSQL (`backend.database`) and one Redis (`backend.cache`). Each cluster's
 * Prometheus sits behind a counting proxy, so the test sees how many fan-outs really went upstream.
 */
describe('two backend replicas on one PostgreSQL and one Redis', () => {
  let postgres: TestPostgres;
  let redis: RedisServer;
  let prometheus: PrometheusServer[] = [];
  let proxies: CountingProxy[] = [];
  const replicas: BackendReplica[] = [];
  const token = randomBytes(24).toString('hex');

  beforeAll(async () => {
    [postgres, redis, ...prometheus] = await Promise.all([
      startPostgres(),
      startRedis({ maxLifetimeSec: 900 }),
      startPrometheus({ clusters: [healthyCluster], maxLifetimeSec: 900 }),
      startPrometheus({ clusters: [degradedCluster], maxLifetimeSec: 900 }),
    ] as const);
    proxies = await Promise.all(prometheus.map(p => startCountingProxy(p.url)));
    const config = {
      backend: {
        database: {
          client: 'pg',
          connection: {
            host: postgres.host,
            port: postgres.port,
            user: postgres.user,
            password: postgres.password,
          },
        },
        cache: { store: 'redis', connection: redis.url },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'replica-test' } },
          ],
        },
      },
      mesh: {
        // One TTL covers the whole test.
        cacheTtlMs: 600_000,
        clusters: [healthyCluster, degradedCluster].map((c, i) => ({
          name: c.name,
          prometheus: { url: proxies[i].url },
        })),
      },
    };
    // One after the other: both would race to create the plugins' tables otherwise.
    replicas.push(await startBackendReplica(config, { maxLifetimeSec: 900 }));
    replicas.push(await startBackendReplica(config, { maxLifetimeSec: 900 }));
  });
  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop()));
    await Promise.all([...proxies, ...prometheus, redis].map(s => s?.stop()));
    await postgres?.stop();
  });

  it(`answers ${REQUESTS} requests spread over both replicas with one upstream fan-out`, async () => {
    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const res = await fetch(`${replicas[i % 2].meshUrl}/health`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return { status: res.status, body: await res.json() };
      }),
    );
    expect(answers.every(a => a.status === 200)).toBe(true);
    const statuses = answers.map(a =>
      a.body.clusters.map((c: any) => `${c.name}:${c.status}`).join(' '),
    );
    expect(new Set(statuses)).toEqual(
      new Set(['cluster-east:healthy cluster-west:degraded']),
    );
    // Both replicas answer from one evaluation: one fan-out, not one per replica.
    expect(new Set(answers.map(a => a.body.clusters[0].observedAt)).size).toBe(
      1,
    );
    for (const proxy of proxies) {
      expect(proxy.requests.map(r => r.path).sort()).toEqual([
        '/api/v1/query',
        '/api/v1/query_range',
      ]);
    }
  });
});
