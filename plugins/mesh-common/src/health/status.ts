/**
 * The health of one cluster, as the card shows it. `unknown` means the backend could not tell
 * (Prometheus unreachable, timed out, answered garbage, or holds no Istio metrics) — never "fine".
 *
 * @public
 */
export type HealthStatus = 'healthy' | 'degraded' | 'failing' | 'unknown';

/** All statuses, worst first, so callers can sort and pick the worst of several. @public */
export const HEALTH_STATUSES: readonly HealthStatus[] = [
  'failing',
  'unknown',
  'degraded',
  'healthy',
];

/**
 * The worse of two statuses. `unknown` ranks below `failing` (a cluster we know is broken matters more)
 * but above `degraded` (not knowing is worse than a known small problem).
 *
 * @public
 */
export function worstHealthStatus(
  a: HealthStatus,
  b: HealthStatus,
): HealthStatus {
  return HEALTH_STATUSES.indexOf(a) <= HEALTH_STATUSES.indexOf(b) ? a : b;
}
