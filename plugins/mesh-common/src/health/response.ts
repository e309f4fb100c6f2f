import { HealthStatus } from './status';

/** istiod as Prometheus sees it. @public */
export interface ControlPlaneHealth {
  /** true when an istiod target is scraped and up. */
  istiodUp: boolean;
  /** Versions istiod reports (`istio_build{component="pilot"}` tags), sorted. */
  versions: string[];
  /** Proxies connected to istiod over xDS (`pilot_xds`), null without data. */
  connectedProxies: number | null;
  /** xDS configurations rejected by proxies, per minute, over the last 5 minutes. */
  xdsRejectsPerMinute: number | null;
  /** 99th percentile of the time to push configuration to proxies, in milliseconds. */
  pushP99Ms: number | null;
}

/**
 * Traffic measured on the receiving side only (`reporter="destination"`), so each request counts once.
 * Ratios are in 0..1 and null when there was no traffic.
 *
 * @public
 */
export interface TrafficHealth {
  requestsPerSecond: number | null;
  errorRate5xx: number | null;
  errorRate4xx: number | null;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  mtlsShare: number | null;
}

/** A proxy version and how many proxies run it. @public */
export interface ProxyVersionCount {
  version: string;
  count: number;
}

/** @public */
export interface ProxyHealth {
  versions: ProxyVersionCount[];
  /** Proxies whose version differs from every istiod version. */
  skew: number;
}

/** One point of a trend series: unix time in seconds and the value then. @public */
export interface TrendPoint {
  t: number;
  v: number;
}

/** Requests/s and 5xx ratio over the last hour, downsampled by the backend. @public */
export interface HealthTrend {
  requestsPerSecond: TrendPoint[];
  errorRate5xx: TrendPoint[];
}

/** Links configured for a cluster; absent when not configured. @public */
export interface ClusterLinks {
  kiali?: string;
  grafana?: string;
  tracing?: string;
}

/** @public */
export interface ClusterHealth {
  name: string;
  status: HealthStatus;
  /** Why the status is not healthy; empty when healthy. */
  reasons: string[];
  controlPlane: ControlPlaneHealth;
  traffic: TrafficHealth;
  proxies: ProxyHealth;
  trend: HealthTrend;
  links: ClusterLinks;
  /** ISO 8601 time at which the backend asked Prometheus. */
  observedAt: string;
}

/** What a request was narrowed to when it named a catalog entity. @public */
export interface MeshHealthScope {
  entityRef: string;
  /** Cluster names the entity maps to, including ones missing from `mesh.clusters`. */
  clusterNames: string[];
  /** Set for Components: the workload filter taken from the Kubernetes plugin's annotations. */
  workload?: { id: string; namespace?: string };
}

/** Body of `GET /api/mesh/health`. @public */
export interface MeshHealthResponse {
  clusters: ClusterHealth[];
  scope?: MeshHealthScope;
}
