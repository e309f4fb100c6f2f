import { ClusterHealth } from '@mesh-templates/plugin-mesh-common';
import { TtlCache } from '../cache/TtlCache';
import { MeshClusterConfig, MeshConfig } from '../config/MeshConfig';
import { ClusterHealthCollector, Workload } from './ClusterHealthCollector';

export interface HealthSelection {
  /** Only these configured clusters; all when absent. Names not in config are skipped. */
  clusterNames?: string[];
  workload?: Workload;
}

/**
 * Fans out to the selected clusters in parallel. Each cluster is cached on its own, so the all-clusters
 * view and entity views share answers, and each is bounded by the collector's timeout, so a slow
 * cluster costs at most the timeout and never holds the others back. The clusters not in the cache
 * are collected in ONE fan-out, so they share an evaluation timestamp and identical upstream requests.
 */
export class MeshHealthService {
  private readonly cache: TtlCache<ClusterHealth>;

  /** The service as the plugin runs it: one collector with the configured thresholds and timeout. */
  static fromConfig(config: MeshConfig): MeshHealthService {
    return new MeshHealthService(
      config,
      new ClusterHealthCollector({
        thresholds: config.thresholds,
        timeoutMs: config.clusterTimeoutMs,
      }),
    );
  }

  constructor(
    private readonly config: MeshConfig,
    private readonly collector: ClusterHealthCollector,
    now: () => number = Date.now,
  ) {
    this.cache = new TtlCache(config.cacheTtlMs, now);
  }

  configuredClusterNames(): string[] {
    return this.config.clusters.map(c => c.name);
  }

  async getHealth(selection: HealthSelection = {}): Promise<ClusterHealth[]> {
    this.cache.prune();
    const clusters: MeshClusterConfig[] = selection.clusterNames
      ? this.config.clusters.filter(c =>
          selection.clusterNames!.includes(c.name),
        )
      : this.config.clusters;
    const workload = selection.workload;
    const byKey = new Map(
      clusters.map(cluster => [
        JSON.stringify([
          cluster.name,
          workload?.id ?? null,
          workload?.namespace ?? null,
        ]),
        cluster,
      ]),
    );
    return this.cache.getOrLoadMany([...byKey.keys()], missing => {
      const loads = this.collector.collectAll(
        missing.map(key => byKey.get(key)!),
        workload,
      );
      return new Map(
        missing.map(key => [key, loads.get(byKey.get(key)!.name)!]),
      );
    });
  }
}
