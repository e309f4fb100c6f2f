import {
  ClusterLinks,
  HealthThresholds,
  UpgradeGateThresholds,
} from '@mesh-templates/plugin-mesh-common';

/** How to reach one Prometheus. Credentials stay in here and never reach logs, errors or responses. */
export interface PrometheusTarget {
  url: string;
  headers: Record<string, string>;
  /** When set, every selector is narrowed with `<label>="<value>"` (one Prometheus, many clusters). */
  clusterMatcher?: { label: string; value: string };
}

export interface MeshClusterConfig {
  name: string;
  prometheus: PrometheusTarget;
  links: ClusterLinks;
}

export interface MeshConfig {
  clusters: MeshClusterConfig[];
  clusterTimeoutMs: number;
  cacheTtlMs: number;
  /**
   * Prometheus answers the process reads into memory at once, across every request. Always set by
   * `readMeshConfig`; optional for configs built by hand (tests, bench), which get the default.
   */
  maxBufferedAnswers?: number;
  thresholds: HealthThresholds;
  /** Limits of the upgrade gate; hand-built configs get the health thresholds' defaults. */
  upgradeGate?: UpgradeGateThresholds;
}

export const DEFAULT_CLUSTER_TIMEOUT_MS = 3000;
export const DEFAULT_CACHE_TTL_MS = 15000;
/**
 * Enough to read a fan-out's answers as they arrive (each takes a permit for the moment its
 * kilobytes take to read), few enough that 16 answers at the 16 MiB per-answer limit stay within
 * 256 MiB.
 */
export const DEFAULT_MAX_BUFFERED_ANSWERS = 16;
