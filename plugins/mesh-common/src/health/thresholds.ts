import type { UpgradeGateThresholds } from './revisions';

/**
 * Ratio limits in 0..1. A ratio at or above `degraded` makes a cluster degraded, at or above `failing`
 * makes it failing.
 *
 * @public
 */
export interface RatioThreshold {
  degraded: number;
  failing: number;
}

/** Limits that turn measured numbers into a status; all configurable under `mesh.thresholds`. @public */
export interface HealthThresholds {
  /** Share of requests answered 5xx. */
  errorRate5xx: RatioThreshold;
  /** Share of requests answered 4xx. */
  errorRate4xx: RatioThreshold;
  /** xDS configurations rejected by proxies per minute above which the cluster is degraded. */
  xdsRejectsPerMinute: number;
  /**
   * How many minor versions a sidecar may lag or lead istiod before the cluster is degraded. Istio
   * supports a skew of one minor version between data plane and control plane.
   */
  maxProxyMinorVersionSkew: number;
  /** Days before the mesh root CA's or istiod's certificate expires at which the status drops. */
  certificateExpiryDays: { degraded: number; failing: number };
  /** Days before the running Istio line's end of life (or any time after it) at which it degrades. */
  endOfLifeWarningDays: number;
}

/**
 * Kiali's defaults: 5xx degraded from 0.1 % and failing from 10 %; 4xx degraded from 10 % and failing
 * from 20 %. Any xDS reject degrades; sidecars more than one minor version from istiod degrade.
 * A root CA or istiod certificate expiring within 30 days degrades, within 7 days fails (an expired
 * root CA stops all mTLS); an Istio line within 60 days of its end of life, or past it, degrades.
 *
 * @public
 */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  errorRate5xx: { degraded: 0.001, failing: 0.1 },
  errorRate4xx: { degraded: 0.1, failing: 0.2 },
  xdsRejectsPerMinute: 0,
  maxProxyMinorVersionSkew: 1,
  certificateExpiryDays: { degraded: 30, failing: 7 },
  endOfLifeWarningDays: 60,
};

/**
 * The upgrade gate's defaults, taken from the health thresholds.
 *
 * @public
 */
export function defaultUpgradeGateThresholds(
  health: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
): UpgradeGateThresholds {
  return {
    xdsRejectsPerMinute: health.xdsRejectsPerMinute,
    errorRate5xxIncrease: health.errorRate5xx.degraded,
  };
}
