/**
 * The health bench's scale-out rows: global mode over 500 clusters in a real VictoriaMetrics, and the
 * shared-cache hit rate of two replicas on one Redis and one lease database.
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { DatabaseFanOutLease } from '../../plugins/mesh-backend/src/cache/FanOutLease';
import { readMeshConfig } from '../../plugins/mesh-backend/src/config/readMeshConfig';
import { MeshHealthService } from '../../plugins/mesh-backend/src/health/MeshHealthService';
import { smallHealthyCluster } from '../../plugins/mesh-backend/src/testing/fixtureClusters';
import { buildOpenMetrics } from '../../plugins/mesh-backend/src/testing/openMetrics';
import { startCountingProxy } from '../../plugins/mesh-backend/src/testing/startCountingProxy';
import { startRedis } from '../../plugins/mesh-backend/src/testing/startRedis';
import { startVictoriaMetrics } from '../../plugins/mesh-backend/src/testing/startVictoriaMetrics';
import { median } from './measure';

const GLOBAL_CLUSTERS = 500;
const RUNS = 15;

type Row = [string, string, string];

function names(n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) => `cluster-${String(i).padStart(3, '0')}`,
  );
}

/** One cold health call (fresh service, empty cache): time and the upstream requests it cost. */
async function coldGlobal(url: string, clusters: string[]) {
  const proxy = await startCountingProxy(url);
  const health = MeshHealthService.fromConfig(
    readMeshConfig(
      new ConfigReader({
        mesh: {
          prometheus: { url: proxy.url },
          clusters: clusters.map(name => ({ name })),
          // Measured, not bounded: the row reports how long 500 clusters take on this machine.
          clusterTimeoutMs: 30_000,
        },
      }),
    ),
  );
  const started = performance.now();
  const answer = await health.getHealth();
  const ms = performance.now() - started;
  await proxy.stop();
  if (answer.some(c => c.status !== 'healthy'))
    throw new Error(`global cold call: ${JSON.stringify(answer[0].reasons)}`);
  return { ms, requests: proxy.requests.length };
}

export async function globalStoreRows(): Promise<Row[]> {
  const store = await startVictoriaMetrics({ maxLifetimeSec: 900 });
  try {
    const nowSec = Math.floor(Date.now() / 1000);
    // In slices of 50 clusters: one body of all 500 is more than a single import should carry.
    const all500 = names(GLOBAL_CLUSTERS).map(smallHealthyCluster);
    for (let i = 0; i < all500.length; i += 50) {
      await store.importPrometheusText(
        buildOpenMetrics(all500.slice(i, i + 50), {
          startSec: nowSec - 600,
          endSec: nowSec + 900,
          stepSec: 60,
          clusterLabel: 'cluster',
          millisecondTimestamps: true,
        }),
      );
    }
    const one: number[] = [];
    const all: number[] = [];
    let requests = 0;
    for (let run = 0; run < RUNS; run++) {
      one.push((await coldGlobal(store.url, names(1))).ms);
      const cold = await coldGlobal(store.url, names(GLOBAL_CLUSTERS));
      all.push(cold.ms);
      requests = Math.max(requests, cold.requests);
    }
    return [
      [
        `global mode, 1 cluster in a VictoriaMetrics holding ${GLOBAL_CLUSTERS}, cold (median of ${RUNS})`,
        `${median(one).toFixed(1)} ms, 2 upstream requests`,
        '',
      ],
      [
        `global mode, all ${GLOBAL_CLUSTERS} clusters, cold (median of ${RUNS})`,
        `${median(all).toFixed(1)} ms = ${(median(all) / median(one)).toFixed(
          2,
        )}× one cluster's call; ${requests} upstream requests = ${(
          requests / 2
        ).toFixed(1)}× one cluster's`,
        '≤ 2 upstream requests',
      ],
    ];
  } finally {
    await store.stop();
  }
}

/**
 * Two replicas (two services in this process) sharing one Redis through Backstage's CacheManager and
 * one lease table, asked in turn while the TTL is short enough to expire several times: of all
 * cluster lookups, the share answered without this replica asking Prometheus.
 */
export async function sharedCacheRow(prometheusUrls: string[]): Promise<Row> {
  const redis = await startRedis({ maxLifetimeSec: 900 });
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  try {
    const cache = CacheManager.fromConfig(
      new ConfigReader({
        backend: { cache: { store: 'redis', connection: redis.url } },
      }),
    ).forPlugin('mesh');
    const config = readMeshConfig(
      new ConfigReader({
        mesh: {
          cacheTtlMs: 1000,
          clusters: names(50).map((name, i) => ({
            name,
            prometheus: { url: prometheusUrls[i % prometheusUrls.length] },
          })),
        },
      }),
    );
    const replicas = [
      MeshHealthService.fromConfig(config, {
        cache,
        lease: await DatabaseFanOutLease.create(db),
      }),
      MeshHealthService.fromConfig(config, {
        cache,
        lease: await DatabaseFanOutLease.create(db),
      }),
    ];
    // 20 requests at once every 50 ms, alternating replicas, for 5 s: five TTLs.
    const requests = 2000;
    const started = performance.now();
    for (let i = 0; i < requests; i += 20) {
      const due = started + (i / 20) * 50;
      const wait = due - performance.now();
      if (wait > 0) await new Promise(r => setTimeout(r, wait));
      await Promise.all(
        Array.from({ length: 20 }, (_, j) => replicas[(i + j) % 2].getHealth()),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = replicas.map(r => r.cache.stats);
    const sum = (pick: (s: (typeof stats)[0]) => number) =>
      stats.reduce((n, s) => n + pick(s), 0);
    const lookups = sum(s => s.local + s.shared + s.waited + s.loaded);
    const loaded = sum(s => s.loaded);
    return [
      `two replicas, one Redis + one lease table, ${requests} requests of 50 clusters in turn over ${seconds.toFixed(
        1,
      )} s, TTL 1 s`,
      `${(((lookups - loaded) / lookups) * 100).toFixed(
        2,
      )}% of cluster lookups from cache (${sum(
        s => s.shared,
      )} from the shared store, ${sum(
        s => s.waited,
      )} waited on the other replica's load); ${
        loaded / 50
      } fan-outs of 50 clusters in ${Math.ceil(seconds)} TTLs`,
      'one fan-out per TTL across replicas',
    ];
  } finally {
    await db.destroy();
    // The CacheService keeps its Redis client for the process's life and offers no way to close it;
    // its socket closing when we stop Redis is expected here, and only that error is let through.
    const expected = (error: Error) => {
      if (error.message !== 'Socket closed unexpectedly') throw error;
    };
    process.on('uncaughtException', expected);
    await redis.stop();
  }
}
