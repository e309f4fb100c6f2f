import { promqlString } from './promqlString';

/**
 * What to narrow the queries to: the clusters inside a shared Prometheus, and a Component's workload.
 *
 * With `clusters`, every selector is narrowed to those label values and every aggregation keeps the
 * label (`sum by (<label>) (…)`), so one query answers for all of them; the caller splits the result
 * by label value. Without it (one Prometheus per cluster), aggregations drop every label.
 */
export interface QueryScope {
  clusters?: { label: string; values: string[] };
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

/** RE2 metacharacters; cluster names are DNS labels, but a matcher must never depend on that. */
function regexLiteral(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function clusterMatchers(scope: QueryScope): string[] {
  const clusters = scope.clusters;
  if (!clusters) return [];
  const values = [...new Set(clusters.values)].sort();
  if (values.length === 1)
    return [`${clusters.label}=${promqlString(values[0])}`];
  // PromQL regex matchers are anchored at both ends: exactly these clusters.
  return [
    `${clusters.label}=~${promqlString(values.map(regexLiteral).join('|'))}`,
  ];
}

/** `sum by (<cluster label>, …extra)` — or no `by` at all for one cluster's own Prometheus. */
function by(scope: QueryScope, ...extra: string[]): string {
  const labels = [...(scope.clusters ? [scope.clusters.label] : []), ...extra];
  return labels.length ? ` by (${labels.join(', ')}) ` : '';
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

function requestRate(scope: QueryScope, extra: string[] = []): string {
  return `sum${by(scope)}(rate(istio_requests_total${requestMatchers(
    scope,
    extra,
  )}[${RATE_WINDOW}]))`;
}

/** The PromQL behind each number of the health, one expression per part. */
export function instantExpressions(
  scope: QueryScope,
): Record<InstantPart, string> {
  const c = matchers(clusterMatchers(scope));
  const istiod = matchers(['job=~".*istiod.*"', ...clusterMatchers(scope)]);
  const latency = (q: number) =>
    `histogram_quantile(${q}, sum${by(
      scope,
      'le',
    )}(rate(istio_request_duration_milliseconds_bucket${requestMatchers(
      scope,
    )}[${RATE_WINDOW}])))`;
  return {
    istiodUp: `max${by(scope)}(up${istiod})`,
    istiodVersions: `count${by(scope, 'tag')}(istio_build${matchers([
      'component="pilot"',
      ...clusterMatchers(scope),
    ])})`,
    connectedProxies: `sum${by(scope)}(pilot_xds${c})`,
    xdsRejectsPerMinute: `sum${by(
      scope,
    )}(rate(pilot_total_xds_rejects${c}[${RATE_WINDOW}])) * 60`,
    pushP99Ms: `histogram_quantile(0.99, sum${by(
      scope,
      'le',
    )}(rate(pilot_proxy_convergence_time_bucket${c}[${RATE_WINDOW}]))) * 1000`,
    requestsPerSecond: requestRate(scope),
    requests5xxPerSecond: requestRate(scope, ['response_code=~"5.."']),
    requests4xxPerSecond: requestRate(scope, ['response_code=~"4.."']),
    mtlsRequestsPerSecond: requestRate(scope, [
      'connection_security_policy="mutual_tls"',
    ]),
    latencyP50Ms: latency(0.5),
    latencyP99Ms: latency(0.99),
    proxyVersions: `count${by(scope, 'tag')}(istio_build${matchers([
      'component="proxy"',
      ...clusterMatchers(scope),
    ])})`,
  };
}

export function trendExpressions(scope: QueryScope): Record<TrendPart, string> {
  const all = requestRate(scope);
  return {
    requestsPerSecond: all,
    // A window without 5xx has no 5xx series at all; `or (<all> * 0)` makes that a ratio of 0, not a
    // gap — per cluster label value, which a label-less `vector(0)` could not do.
    errorRate5xx: `(${requestRate(scope, [
      'response_code=~"5.."',
    ])} or (${all} * 0)) / ${all}`,
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
