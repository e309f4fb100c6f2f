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

/** Label holding a request's status class: the first digit of `response_code` ("5" for 5xx). */
export const CODE_CLASS_LABEL = 'mesh_code_class';

/** Istio's label for whether the receiving sidecar saw mutual TLS. */
export const SECURITY_POLICY_LABEL = 'connection_security_policy';

export type InstantPart =
  | 'istiodUp'
  | 'istiodVersions'
  | 'connectedProxies'
  | 'xdsRejectsPerMinute'
  | 'pushP99Ms'
  | 'requests'
  | 'latencyP50Ms'
  | 'latencyP99Ms'
  | 'proxyVersions'
  | 'rootCertExpiry'
  | 'istiodCertExpiry'
  | 'istiodRevisions'
  | 'ztunnelNodes'
  | 'ztunnelUp'
  | 'ztunnelVersions'
  | RevisionPart;

/** Control-plane facts per istiod revision, each split by `istio_io_rev`. */
export type RevisionPart =
  | 'revisionIstiodUp'
  | 'revisionConnectedProxies'
  | 'revisionXdsRejectsPerMinute'
  | 'revisionProxyVersions';

/** The pod label `istio.io/rev` as Istio's Prometheus scrape configs map it onto istiod's series. */
export const REVISION_LABEL = 'istio_io_rev';

export type TrendPart = 'requests';

function matchers(parts: string[]): string {
  return `{${parts.join(',')}}`;
}

/** Longest cluster regex a query carries; the combined query holds it about a dozen times. */
export const MAX_CLUSTER_REGEX_LENGTH = 1000;

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
  const regex = values.map(regexLiteral).join('|');
  // Stores cap a query's length (VictoriaMetrics: 16 KiB by default) and the combined query repeats
  // the matcher in every part: past the budget, ask for every cluster the store holds and let the
  // caller keep the asked ones, rather than splitting the fan-out into more requests.
  if (regex.length > MAX_CLUSTER_REGEX_LENGTH) return [`${clusters.label}!=""`];
  // PromQL regex matchers are anchored at both ends: exactly these clusters.
  return [`${clusters.label}=~${promqlString(regex)}`];
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
function requestMatchers(scope: QueryScope): string {
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
  ]);
}

/**
 * Received requests per second, split by status class (and any `extra` labels): one `rate` over the
 * request counters answers for the total, the 5xx, the 4xx and (with the security policy) the mTLS
 * numbers, which the backend adds up; asking for each with its own matcher made Prometheus compute
 * the same `rate` four times over the mesh's largest metric.
 */
function requestRateByClass(scope: QueryScope, ...extra: string[]): string {
  return `sum${by(
    scope,
    CODE_CLASS_LABEL,
    ...extra,
  )}(label_replace(rate(istio_requests_total${requestMatchers(
    scope,
  )}[${RATE_WINDOW}]), "${CODE_CLASS_LABEL}", "$1", "response_code", "([0-9])[0-9][0-9]"))`;
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
    // By revision too, so the upgrade gate can compare the canary's 5xx with stable's at no extra rate().
    requests: requestRateByClass(scope, SECURITY_POLICY_LABEL, REVISION_LABEL),
    latencyP50Ms: latency(0.5),
    latencyP99Ms: latency(0.99),
    proxyVersions: `count${by(scope, 'tag')}(istio_build${matchers([
      'component="proxy"',
      ...clusterMatchers(scope),
    ])})`,
    ...lifecycleExpressions(scope),
    ...revisionExpressions(scope),
  };
}

/**
 * istiod's and the sidecars' series carry their pod's `istio.io/rev` label (Istio's scrape configs map
 * pod labels), so each fact of a revision is the cluster-wide fact split by that label.
 */
function revisionExpressions(scope: QueryScope): Record<RevisionPart, string> {
  const c = matchers(clusterMatchers(scope));
  const istiod = matchers(['job=~".*istiod.*"', ...clusterMatchers(scope)]);
  return {
    revisionIstiodUp: `max${by(scope, REVISION_LABEL)}(up${istiod})`,
    revisionConnectedProxies: `sum${by(scope, REVISION_LABEL)}(pilot_xds${c})`,
    revisionXdsRejectsPerMinute: `sum${by(
      scope,
      REVISION_LABEL,
    )}(rate(pilot_total_xds_rejects${c}[${RATE_WINDOW}])) * 60`,
    revisionProxyVersions: `count${by(
      scope,
      REVISION_LABEL,
      'tag',
    )}(istio_build${matchers([
      'component="proxy"',
      ...clusterMatchers(scope),
    ])})`,
  };
}

/** Certificates, revisions and ambient's node proxies: the "what breaks next" numbers. */
function lifecycleExpressions(
  scope: QueryScope,
): Pick<
  Record<InstantPart, string>,
  | 'rootCertExpiry'
  | 'istiodCertExpiry'
  | 'istiodRevisions'
  | 'ztunnelNodes'
  | 'ztunnelUp'
  | 'ztunnelVersions'
> {
  const c = matchers(clusterMatchers(scope));
  const ztunnel = matchers(['job=~".*ztunnel.*"', ...clusterMatchers(scope)]);
  return {
    rootCertExpiry: `min${by(
      scope,
    )}(citadel_server_root_cert_expiry_timestamp${c})`,
    istiodCertExpiry: `min${by(
      scope,
    )}(citadel_server_cert_chain_expiry_timestamp${c})`,
    istiodRevisions: `count${by(
      scope,
      REVISION_LABEL,
      'tag',
    )}(istio_build${matchers([
      'component="pilot"',
      ...clusterMatchers(scope),
    ])})`,
    ztunnelNodes: `count${by(scope)}(up${ztunnel})`,
    ztunnelUp: `sum${by(scope)}(up${ztunnel})`,
    ztunnelVersions: `count${by(scope, 'tag')}(istio_build${matchers([
      'component="ztunnel"',
      ...clusterMatchers(scope),
    ])})`,
  };
}

export function trendExpressions(scope: QueryScope): Record<TrendPart, string> {
  return { requests: requestRateByClass(scope) };
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
