import { ProxyVersionCount } from './response';

/**
 * One istiod revision of a cluster as Prometheus sees it: istiod's series and the proxies' series
 * carry the pod label `istio.io/rev` (`istio_io_rev`), so every fact splits by it.
 *
 * @public
 */
export interface RevisionHealth {
  /** `istio.io/rev` of the revision's istiod; `default` for an unrevisioned istiod. */
  revision: string;
  /** Versions this revision's istiod reports (`istio_build{component="pilot"}` tags), sorted. */
  versions: string[];
  /** true when one of its istiod targets is scraped and up. */
  istiodUp: boolean;
  /** Proxies connected to this revision's istiod over xDS (`pilot_xds`), null without data. */
  connectedProxies: number | null;
  /** Configurations this revision's proxies rejected, per minute, over the last 5 minutes. */
  xdsRejectsPerMinute: number | null;
  /** Versions of the sidecars injected by this revision. */
  proxyVersions: ProxyVersionCount[];
  /** Requests per second received by workloads on this revision, null without traffic. */
  requestsPerSecond: number | null;
  /** Share (0..1) of those answered 5xx, null without traffic. */
  errorRate5xx: number | null;
}

/** The upgrade stages the health gate guards. @public */
export type UpgradeGateStage = 'promote' | 'cleanup';

/**
 * Limits of the upgrade gate (`mesh.upgradeGate.*`); by default the health thresholds' own: any xDS
 * reject, or a 5xx ratio above the "degraded" one, counts.
 *
 * @public
 */
export interface UpgradeGateThresholds {
  /** xDS rejects per minute by the canary's proxies above which promote is refused. */
  xdsRejectsPerMinute: number;
  /** How much the canary's 5xx ratio may exceed stable's (0..1) before promote is refused. */
  errorRate5xxIncrease: number;
}

/** Body of `GET /api/mesh/upgrade-gate`. @public */
export interface UpgradeGateResponse {
  cluster: string;
  stage: UpgradeGateStage;
  /** The revision being replaced (stable before promote). */
  from: string;
  /** The revision being rolled out (the canary). */
  to: string;
  allowed: boolean;
  /** Why the gate refuses, naming the cluster, revision and numbers; empty when allowed. */
  reasons: string[];
}
