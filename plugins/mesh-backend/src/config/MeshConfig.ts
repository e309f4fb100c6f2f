import {
  ClusterLinks,
  HealthThresholds,
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
  thresholds: HealthThresholds;
}

export const DEFAULT_CLUSTER_TIMEOUT_MS = 3000;
export const DEFAULT_CACHE_TTL_MS = 15000;
