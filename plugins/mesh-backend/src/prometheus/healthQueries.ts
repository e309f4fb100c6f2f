import { promqlString } from './promqlString';

/** What to narrow the queries to: a cluster inside a shared Prometheus, and a Component's workload. */
export interface QueryScope {
  clusterMatcher?: { label: string; value: string };
  workload?: { id: string; namespace?: string };
}

/** Rate window: long enough to smooth scrape jitter, short enough that the card reflects "now". */
export const RATE_WINDOW = '5m';

/** Label that tells the parts of the combined instant query apart. */
export const PART_LABEL = 'mesh_part';

export type InstantPart =
  | 'istiodUp'
  | 'istiodVersions'
  | 'connectedProxies'
  | 'xdsRejectsPerMinute'
  | 'pushP99Ms'
  | 'requestsPerSecond'
  | 'requests5xxPerSecond'
  | 'requests4xxPerSecond'
  | 'mtlsRequestsPerSecond'
  | 'latencyP50Ms'
  | 'latencyP99Ms'
  | 'proxyVersions';

export type TrendPart = 'requestsPerSecond' | 'errorRate5xx';

function matchers(parts: string[]): string {
  return `{${parts.join(',')}}`;
}

function clusterMatchers(scope: QueryScope): string[] {
  return scope.clusterMatcher
    ? [
        `${scope.clusterMatcher.label}=${promqlString(
          scope.clusterMatcher.value,
        )}`,
      ]
    : [];
}

/**
 * Request metrics from the receiving side only: Istio reports every request twice (reporter="source"
 * and reporter="destination"), and only the destination side knows whether mTLS was used.
 */
function requestMatchers(scope: QueryScope, extra: string[] = []): string {
  const workload = scope.workload
    ? [
        `destination_canonical_service=${promqlString(scope.workload.id)}`,
        ...(scope.workload.namespace
          ? [
              `destination_workload_namespace=${promqlString(
                scope.workload.namespace,
              )}`,
            ]
          : []),
      ]
    : [];
  return matchers([
    'reporter="destination"',
    ...clusterMatchers(scope),
    ...workload,
    ...extra,
  ]);
}

/** The PromQL behind each number of the health, one expression per part. */
export function instantExpressions(
  scope: QueryScope,
): Record<InstantPart, string> {
  const c = matchers(clusterMatchers(scope));
  const istiod = matchers(['job=~".*istiod.*"', ...clusterMatchers(scope)]);
  const requests = (extra: string[] = []) =>
    `sum(rate(istio_requests_total${requestMatchers(
      scope,
      extra,
    )}[${RATE_WINDOW}]))`;
  const latency = (q: number) =>
    `histogram_quantile(${q}, sum by (le) (rate(istio_request_duration_milliseconds_bucket${requestMatchers(
      scope,
    )}[${RATE_WINDOW}])))`;
  return {
    istiodUp: `max(up${istiod})`,
    istiodVersions: `count by (tag) (istio_build${matchers([
      'component="pilot"',
      ...clusterMatchers(scope),
    ])})`,
    connectedProxies: `sum(pilot_xds${c})`,
    xdsRejectsPerMinute: `sum(rate(pilot_total_xds_rejects${c}[${RATE_WINDOW}])) * 60`,
    pushP99Ms: `histogram_quantile(0.99, sum by (le) (rate(pilot_proxy_convergence_time_bucket${c}[${RATE_WINDOW}]))) * 1000`,
    requestsPerSecond: requests(),
    requests5xxPerSecond: requests(['response_code=~"5.."']),
    requests4xxPerSecond: requests(['response_code=~"4.."']),
    mtlsRequestsPerSecond: requests([
      'connection_security_policy="mutual_tls"',
    ]),
    latencyP50Ms: latency(0.5),
    latencyP99Ms: latency(0.99),
    proxyVersions: `count by (tag) (istio_build${matchers([
      'component="proxy"',
      ...clusterMatchers(scope),
    ])})`,
  };
}

export function trendExpressions(scope: QueryScope): Record<TrendPart, string> {
  const requests = (extra: string[] = []) =>
    `sum(rate(istio_requests_total${requestMatchers(
      scope,
      extra,
    )}[${RATE_WINDOW}]))`;
  return {
    requestsPerSecond: requests(),
    // A window without 5xx has no 5xx series at all; `or vector(0)` makes that a ratio of 0, not a gap.
    errorRate5xx: `(${requests([
      'response_code=~"5.."',
    ])} or vector(0)) / ${requests()}`,
  };
}

/**
 * Joins expressions into one query, each result tagged with its part name, so one cluster costs one
 * round trip instead of a dozen — the fan-out to many clusters stays close to the slowest single one.
 */
export function combine(expressions: Record<string, string>): string {
  return Object.entries(expressions)
    .map(
      ([part, expr]) =>
        `label_replace(${expr}, "${PART_LABEL}", "${part}", "", "")`,
    )
    .join('\nor\n');
}
