import { FixtureCluster } from './fixtureClusters';

/** Istio's default bucket boundaries for request duration (milliseconds), trimmed to the useful range. */
const REQUEST_BUCKETS_MS = [
  1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
];
/** Istio's bucket boundaries for `pilot_proxy_convergence_time` (seconds). */
const CONVERGENCE_BUCKETS_S = [0.1, 0.5, 1, 3, 5, 10, 20, 30];

export interface OpenMetricsOptions {
  /** Unix seconds of the first and last sample. */
  startSec: number;
  endSec: number;
  stepSec: number;
  /** Adds this label with the cluster name to every series, as a global Prometheus would hold them. */
  clusterLabel?: string;
  /** Where counters start growing; default `startSec`. A scraped exporter keeps one origin for all scrapes. */
  originSec?: number;
  /** Prometheus' text format (VictoriaMetrics' import) counts milliseconds; OpenMetrics counts seconds. */
  millisecondTimestamps?: boolean;
}

type Labels = Record<string, string>;

/** One istiod revision: its pods, each with its connected proxies. */
interface IstiodPlane {
  revision?: string;
  version: string;
  up: boolean;
  proxiesPerPod: number[];
  xdsRejectsPerMinute: number;
}

/**
 * Cumulative share of observations at or below each boundary, linear between (0,0), (p50, 0.5) and
 * (p99, 0.99). With p50 and p99 on boundaries, Prometheus' histogram_quantile returns them exactly.
 */
function cumulativeShares(
  boundaries: number[],
  p50: number,
  p99: number,
): number[] {
  if (!boundaries.includes(p50) || !boundaries.includes(p99)) {
    throw new Error(`p50 ${p50} and p99 ${p99} must be bucket boundaries`);
  }
  return boundaries.map(le => {
    if (le <= p50) return (0.5 * le) / p50;
    if (le <= p99) return 0.5 + (0.49 * (le - p50)) / (p99 - p50);
    return 1;
  });
}

function labelText(labels: Labels): string {
  const body = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  return `{${body}}`;
}

/**
 * Builds the OpenMetrics text `promtool tsdb create-blocks-from openmetrics` backfills: counters grow
 * linearly at the configured rates, so `rate()` over any window returns those rates exactly.
 * Requests appear twice — reporter="source" and reporter="destination" — as Istio reports them; only
 * destination series carry `connection_security_policy`.
 */
export function buildOpenMetrics(
  clusters: FixtureCluster[],
  options: OpenMetricsOptions,
): string {
  const families = new Map<string, string[]>();
  const origin = options.originSec ?? options.startSec;
  const timestamps: number[] = [];
  for (let t = options.startSec; t <= options.endSec; t += options.stepSec)
    timestamps.push(t);

  const emit = (
    name: string,
    labels: Labels,
    valueAt: (elapsedSec: number) => number,
  ) => {
    const lines = families.get(name) ?? [];
    const text = `${name}${labelText(labels)}`;
    for (const t of timestamps) {
      const stamp = options.millisecondTimestamps ? Math.round(t * 1000) : t;
      lines.push(`${text} ${valueAt(t - origin)} ${stamp}`);
    }
    families.set(name, lines);
  };
  // Counters start one hour "in" so rate() never extrapolates towards zero at the window's start.
  const counter = (perSecond: number) => (elapsed: number) =>
    perSecond * (3600 + elapsed);
  const gauge = (value: number) => () => value;

  for (const cluster of clusters) {
    const c: Labels = options.clusterLabel
      ? { [options.clusterLabel]: cluster.name }
      : {};
    const planes: IstiodPlane[] = [
      {
        revision: cluster.revision,
        version: cluster.istiodVersion,
        up: cluster.istiodUp,
        proxiesPerPod: cluster.connectedProxiesPerIstiod,
        xdsRejectsPerMinute: cluster.xdsRejectsPerMinute,
      },
      ...(cluster.canary
        ? [{ ...cluster.canary, proxiesPerPod: [cluster.canary.proxies] }]
        : []),
    ];
    for (const plane of planes) {
      const rev: Labels = plane.revision
        ? { istio_io_rev: plane.revision }
        : {};
      const istiodPods = Math.max(plane.proxiesPerPod.length, 1);
      for (let i = 0; i < istiodPods; i++) {
        const pod = {
          ...c,
          job: 'istiod',
          instance: `istiod-${plane.revision ?? 'default'}-${i}:15014`,
          ...rev,
        };
        emit('up', pod, gauge(plane.up ? 1 : 0));
        if (!plane.up) continue;
        emit(
          'istio_build',
          { ...pod, component: 'pilot', tag: plane.version },
          gauge(1),
        );
        for (const [name, inDays] of [
          [
            'citadel_server_root_cert_expiry_timestamp',
            cluster.rootCertExpiresInDays,
          ],
          [
            'citadel_server_cert_chain_expiry_timestamp',
            cluster.istiodCertExpiresInDays,
          ],
        ] as const) {
          // Always `inDays` ahead of the sample, so a long-running demo keeps the same story.
          if (inDays !== undefined)
            emit(name, pod, elapsed => origin + elapsed + inDays * 86400);
        }
        emit(
          'pilot_xds',
          { ...pod, version: plane.version },
          gauge(plane.proxiesPerPod[i]),
        );
        emit(
          'pilot_total_xds_rejects',
          { ...pod, type: 'lds' },
          counter(plane.xdsRejectsPerMinute / 60 / istiodPods),
        );
        const shares = cumulativeShares(
          CONVERGENCE_BUCKETS_S,
          0.1,
          cluster.pushP99Ms / 1000,
        );
        const pushesPerSecond = 2 / istiodPods;
        CONVERGENCE_BUCKETS_S.forEach((le, b) =>
          emit(
            'pilot_proxy_convergence_time_bucket',
            { ...pod, le: String(le) },
            counter(pushesPerSecond * shares[b]),
          ),
        );
        emit(
          'pilot_proxy_convergence_time_bucket',
          { ...pod, le: '+Inf' },
          counter(pushesPerSecond),
        );
      }
    }

    if (cluster.ztunnel) {
      const { nodes, down, version } = cluster.ztunnel;
      for (let n = 0; n < nodes; n++) {
        const node = { ...c, job: 'ztunnel', instance: `ztunnel-${n}:15020` };
        emit('up', node, gauge(n < down ? 0 : 1));
        if (n >= down)
          emit(
            'istio_build',
            { ...node, component: 'ztunnel', tag: version },
            gauge(1),
          );
      }
    }

    const sidecars: Array<[string | undefined, Record<string, number>]> = [
      [cluster.revision, cluster.proxyVersions],
      ...(cluster.canary
        ? [
            [
              cluster.canary.revision,
              { [cluster.canary.version]: cluster.canary.proxies },
            ] as [string, Record<string, number>],
          ]
        : []),
    ];
    let proxyIndex = 0;
    for (const [revision, versions] of sidecars) {
      for (const [version, count] of Object.entries(versions)) {
        for (let i = 0; i < count; i++, proxyIndex++) {
          emit(
            'istio_build',
            {
              ...c,
              component: 'proxy',
              tag: version,
              pod: `workload-${proxyIndex}`,
              ...(revision && { istio_io_rev: revision }),
            },
            gauge(1),
          );
        }
      }
    }

    const latencyShares = cumulativeShares(
      REQUEST_BUCKETS_MS,
      cluster.latencyP50Ms,
      cluster.latencyP99Ms,
    );
    for (const w of cluster.workloads) {
      // Scraped from the receiving sidecar, whose pod carries its revision label.
      const revision = w.revision ?? cluster.revision;
      const dest = {
        destination_canonical_service: w.name,
        destination_workload: w.name,
        destination_workload_namespace: w.namespace,
        ...(revision && { istio_io_rev: revision }),
      };
      const codes: Array<[string, number]> = [
        ['200', 1 - w.errorRate5xx - w.errorRate4xx],
        ['404', w.errorRate4xx],
        ['503', w.errorRate5xx],
      ];
      for (const [code, share] of codes) {
        if (share <= 0) continue;
        const perSecond = w.requestsPerSecond * share;
        emit(
          'istio_requests_total',
          {
            ...c,
            ...dest,
            reporter: 'source',
            source_workload: 'caller',
            response_code: code,
          },
          counter(perSecond),
        );
        const policies: Array<[string, number]> = [
          ['mutual_tls', w.mtlsShare],
          ['none', 1 - w.mtlsShare],
        ];
        for (const [policy, policyShare] of policies) {
          if (policyShare <= 0) continue;
          emit(
            'istio_requests_total',
            {
              ...c,
              ...dest,
              reporter: 'destination',
              source_workload: 'caller',
              response_code: code,
              connection_security_policy: policy,
            },
            counter(perSecond * policyShare),
          );
        }
      }
      for (const reporter of ['source', 'destination']) {
        REQUEST_BUCKETS_MS.forEach((le, b) =>
          emit(
            'istio_request_duration_milliseconds_bucket',
            { ...c, ...dest, reporter, le: String(le) },
            counter(w.requestsPerSecond * latencyShares[b]),
          ),
        );
        emit(
          'istio_request_duration_milliseconds_bucket',
          { ...c, ...dest, reporter, le: '+Inf' },
          counter(w.requestsPerSecond),
        );
      }
    }
  }

  // Flattened, not spread into push: a large fixture has more lines than a call has room for arguments.
  return [...[...families.values()].flat(), '# EOF', ''].join('\n');
}
