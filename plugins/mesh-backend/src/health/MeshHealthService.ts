import { CacheService } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { ClusterHealth, DriftHealth } from '@mesh-templates/plugin-mesh-common';
import { FanOutLease } from '../cache/FanOutLease';
import { SharedTtlCache } from '../cache/SharedTtlCache';
import { MeshClusterConfig, MeshConfig } from '../config/MeshConfig';
import { ClusterHealthCollector, Workload } from './ClusterHealthCollector';
import { withDrift } from './lifecycleVerdicts';

export interface HealthSelection {
  /** Only these configured clusters; all when absent. Names not in config are skipped. */
  clusterNames?: string[];
  workload?: Workload;
  /** The committed spec's version/revision: each answer is compared with it after the cache. */
  expected?: DriftHealth['expected'];
}

/** Where answers are kept: the plugin passes its CacheService and a database lease. */
export interface HealthCacheOptions {
  cache?: CacheService;
  lease?: FanOutLease;
}

/** A lease outlives the slowest cluster of a fan-out by this margin before others take over. */
const LEASE_MARGIN_MS = 2000;

/**
 * Fans out to the selected clusters in parallel. Each cluster is cached on its own, so the all-clusters
 * view and entity views share answers, and each is bounded by the collector's timeout, so a slow
 * cluster costs at most the timeout and never holds the others back. The clusters not in the cache
 * are collected in ONE fan-out, so they share an evaluation timestamp and identical upstream requests.
 * The cache is Backstage's CacheService, so replicas behind one load balancer share answers; with a
 * lease, replicas missing the same clusters at once fan out once between them.
 */
export class MeshHealthService {
  readonly cache: SharedTtlCache<ClusterHealth>;

  /** The service as the plugin runs it: one collector with the configured thresholds and timeout. */
  static fromConfig(
    config: MeshConfig,
    options: HealthCacheOptions = {},
  ): MeshHealthService {
    return new MeshHealthService(
      config,
      new ClusterHealthCollector({
        thresholds: config.thresholds,
        timeoutMs: config.clusterTimeoutMs,
      }),
      options,
    );
  }

  constructor(
    private readonly config: MeshConfig,
    private readonly collector: ClusterHealthCollector,
    options: HealthCacheOptions & { now?: () => number } = {},
  ) {
    this.cache = new SharedTtlCache({
      // The memory store `npm start` uses, for callers outside a backend (tests, bench).
      store:
        options.cache ??
        CacheManager.fromConfig(new ConfigReader({})).forPlugin('mesh'),
      ttlMs: config.cacheTtlMs,
      lease: options.lease,
      leaseTtlMs: config.clusterTimeoutMs + LEASE_MARGIN_MS,
      now: options.now,
    });
  }

  configuredClusterNames(): string[] {
    return this.config.clusters.map(c => c.name);
  }

  async getHealth(selection: HealthSelection = {}): Promise<ClusterHealth[]> {
    const clusters: MeshClusterConfig[] = selection.clusterNames
      ? this.config.clusters.filter(c =>
          selection.clusterNames!.includes(c.name),
        )
      : this.config.clusters;
    const workload = selection.workload;
    const byKey = new Map(
      clusters.map(cluster => [
        JSON.stringify([
          'health',
          cluster.name,
          workload?.id ?? null,
          workload?.namespace ?? null,
        ]),
        cluster,
      ]),
    );
    const answers = await this.cache.getOrLoadMany(
      [...byKey.keys()],
      missing => {
        const loads = this.collector.collectAll(
          missing.map(key => byKey.get(key)!),
          workload,
        );
        return new Map(
          missing.map(key => [key, loads.get(byKey.get(key)!.name)!]),
        );
      },
    );
    const expected = selection.expected;
    return expected ? answers.map(a => withDrift(a, expected)) : answers;
  }
}
