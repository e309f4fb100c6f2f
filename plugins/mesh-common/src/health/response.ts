import { HealthStatus } from './status';
import type { RevisionHealth } from './revisions';

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
  /** The same facts per istiod revision; absent when the backend predates revisions. */
  revisions?: RevisionHealth[];
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

/** Certificate expiry as istiod reports it (unix seconds → ISO 8601); null without the metric. @public */
export interface CertificateHealth {
  /** The mesh root CA (`citadel_server_root_cert_expiry_timestamp`). */
  rootExpiresAt: string | null;
  /** istiod's own serving certificate chain (`citadel_server_cert_chain_expiry_timestamp`). */
  istiodExpiresAt: string | null;
}

/** The ambient data plane's node proxies; null on clusters without ztunnel. @public */
export interface ZtunnelHealth {
  /** ztunnel targets Prometheus scrapes (one per node). */
  nodes: number;
  /** Of those, how many are up. */
  up: number;
  versions: ProxyVersionCount[];
}

/**
 * What the committed spec names (the cluster entity's annotations) against what istiod reports;
 * present only when the request named an entity carrying those annotations.
 *
 * @public
 */
export interface DriftHealth {
  expected: { version?: string; revision?: string };
  actual: { versions: string[]; revisions: string[] };
  drifted: boolean;
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
  certificates: CertificateHealth;
  /** istiod revisions (`istio_io_rev` of istiod's series; `default` for an unrevisioned istiod). */
  revisions: string[];
  /** End of life of the oldest Istio line istiod runs (YYYY-MM-DD), null when unknown or unannounced. */
  endOfLife: string | null;
  ztunnel: ZtunnelHealth | null;
  drift?: DriftHealth;
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
