import { defaultMaxListeners, setMaxListeners } from 'node:events';
import {
  ClusterHealth,
  HealthThresholds,
  HealthTrend,
} from '@mesh-templates/plugin-mesh-common';
import { MeshClusterConfig, PrometheusTarget } from '../config/MeshConfig';
import {
  InstantSample,
  PrometheusClient,
  RangeSeries,
} from '../prometheus/PrometheusClient';
import { PrometheusTransport } from '../prometheus/httpTransport';
import { PrometheusError } from '../prometheus/PrometheusError';
import {
  headersDigest,
  RequestCoalescer,
} from '../prometheus/RequestCoalescer';
import {
  combine,
  instantExpressions,
  PART_LABEL,
  QueryScope,
  trendExpressions,
} from '../prometheus/healthQueries';
import { unknownClusterHealth } from './emptyHealth';
import { readClusterMetrics } from './readClusterMetrics';
import { requestTrend } from './requestRates';
import { toClusterHealth } from './toClusterHealth';

/** The trend covers the last hour in 5-minute steps: 13 points, enough for a sparkline. */
export const TREND_RANGE_SEC = 3600;
export const TREND_STEP_SEC = 300;

interface Queries {
  instant: string;
  trend: string;
}

export interface Workload {
  id: string;
  namespace?: string;
}

/**
 * The one instant at which a fan-out evaluates every cluster: the instant queries' `time=` and, aligned
 * down to the step, the trend's `end=`. Shared timestamps make the clusters' answers mutually
 * consistent and make identical requests byte-identical, so they can be coalesced; a step-aligned
 * range also lets a Thanos/Mimir query frontend answer repeated trends from its cache.
 */
export interface Evaluation {
  timeSec: number;
  trendStartSec: number;
  trendEndSec: number;
  observedAt: Date;
}

export function evaluationAt(nowMs: number): Evaluation {
  const timeSec = Math.floor(nowMs / 1000);
  const trendEndSec = Math.floor(timeSec / TREND_STEP_SEC) * TREND_STEP_SEC;
  return {
    timeSec,
    trendStartSec: trendEndSec - TREND_RANGE_SEC,
    trendEndSec,
    observedAt: new Date(timeSec * 1000),
  };
}

/** The trend from the range answer: its only part is the request rate split by status class. */
function trendOf(series: RangeSeries[]): HealthTrend {
  return requestTrend(series.filter(s => s.labels[PART_LABEL] === 'requests'));
}

/**
 * `read` once per answer: the clusters sharing one upstream answer (coalesced requests, or one label
 * value of a grouped answer) get the same read-only result instead of each reading it again.
 */
function readOncePerAnswer<A extends object, R>(
  read: (answer: A) => R,
): (answer: A) => R {
  const results = new WeakMap<A, R>();
  return answer => {
    let result = results.get(answer);
    if (result === undefined) {
      result = read(answer);
      results.set(answer, result);
    }
    return result;
  };
}

const metricsOf = readOncePerAnswer(readClusterMetrics);
const trendOfAnswer = readOncePerAnswer(trendOf);

/** Clusters of one shared Prometheus (global mode) are asked together: same target, same label. */
function groupKey(target: PrometheusTarget): string | undefined {
  if (!target.clusterMatcher) return undefined;
  return JSON.stringify([
    target.url,
    headersDigest(target.headers),
    target.clusterMatcher.label,
  ]);
}

const splits = new WeakMap<object, Map<string, unknown[]>>();

/**
 * A grouped answer's items with `label` = `value`. The answer is one object shared by every cluster
 * of the group, so it is split once (not scanned once per cluster).
 */
function itemsWithLabel<T extends { labels: Record<string, string> }>(
  items: T[],
  label: string,
  value: string,
): T[] {
  let byValue = splits.get(items) as Map<string, T[]> | undefined;
  if (!byValue) {
    byValue = new Map();
    for (const item of items) {
      const key = item.labels[label];
      if (key === undefined) continue;
      const list = byValue.get(key) ?? [];
      list.push(item);
      byValue.set(key, list);
    }
    splits.set(items, byValue as Map<string, unknown[]>);
  }
  return byValue.get(value) ?? [];
}

/**
 * Reads clusters' health: per cluster one instant and one range query, in parallel, both cut off at
 * that cluster's timeout. Never throws: a cluster that cannot be read is `unknown` with the reason.
 *
 * A fan-out (`collectAll`) costs the distinct upstream work, not the number of clusters:
 * - every cluster is evaluated at one timestamp (`Evaluation`);
 * - clusters of a shared Prometheus (`mesh.prometheus` + `clusterLabel`) all send the same grouped
 *   query `… by (<clusterLabel>)` over all of them, and each reads its own label value from the answer;
 * - identical requests (same base URL, auth headers, path and parameters) are sent once and shared
 *   (`RequestCoalescer`), while every cluster keeps its own timeout and its own error.
 */
export class ClusterHealthCollector {
  constructor(
    private readonly options: {
      thresholds: HealthThresholds;
      timeoutMs: number;
      now?: () => number;
      transport?: PrometheusTransport;
    },
  ) {}

  /** One fan-out over `clusters`: a promise per cluster name, each settling on its own. */
  collectAll(
    clusters: MeshClusterConfig[],
    workload?: Workload,
  ): Map<string, Promise<ClusterHealth>> {
    const evaluation = evaluationAt((this.options.now ?? Date.now)());
    const coalescer = new RequestCoalescer();
    // Every cluster of the fan-out starts now with the same timeout, so one deadline serves them all;
    // the coalescer still lets each request go only when nobody waits for it any more.
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    // Each cluster's two queries wait on it: not a leak, however many clusters are configured.
    setMaxListeners(Math.max(defaultMaxListeners, 2 * clusters.length), signal);
    const groups = new Map<string, string[]>();
    for (const cluster of clusters) {
      const key = groupKey(cluster.prometheus);
      if (key === undefined) continue;
      const values = groups.get(key) ?? [];
      values.push(cluster.prometheus.clusterMatcher!.value);
      groups.set(key, values);
    }
    // The PromQL depends only on the scope, which the clusters of a group (or every cluster with its
    // own Prometheus) share: built once per fan-out, not once per cluster.
    const queries = new Map<string, Queries>();
    const queriesFor = (cluster: MeshClusterConfig): Queries => {
      const key = groupKey(cluster.prometheus) ?? '';
      let built = queries.get(key);
      if (!built) {
        const matcher = cluster.prometheus.clusterMatcher;
        const scope: QueryScope = {
          ...(matcher && {
            clusters: { label: matcher.label, values: groups.get(key)! },
          }),
          workload,
        };
        built = {
          instant: combine(instantExpressions(scope)),
          trend: combine(trendExpressions(scope)),
        };
        queries.set(key, built);
      }
      return built;
    };
    return new Map(
      clusters.map(cluster => [
        cluster.name,
        this.collectOne(
          cluster,
          queriesFor(cluster),
          evaluation,
          coalescer,
          signal,
        ),
      ]),
    );
  }

  /** One cluster on its own (a fan-out of one). */
  collect(
    cluster: MeshClusterConfig,
    workload?: Workload,
  ): Promise<ClusterHealth> {
    return this.collectAll([cluster], workload).get(cluster.name)!;
  }

  private async collectOne(
    cluster: MeshClusterConfig,
    queries: Queries,
    evaluation: Evaluation,
    coalescer: RequestCoalescer,
    signal: AbortSignal,
  ): Promise<ClusterHealth> {
    const client = new PrometheusClient(
      cluster.prometheus,
      this.options.transport,
      coalescer,
    );
    // In a grouped answer, this cluster's series are the ones with its label value.
    const matcher = cluster.prometheus.clusterMatcher;
    const own = <T extends InstantSample | RangeSeries>(items: T[]): T[] =>
      matcher ? itemsWithLabel(items, matcher.label, matcher.value) : items;
    try {
      const [samples, series] = await Promise.all([
        client.query(queries.instant, {
          signal,
          timeSec: evaluation.timeSec,
        }),
        client.queryRange(queries.trend, {
          signal,
          startSec: evaluation.trendStartSec,
          endSec: evaluation.trendEndSec,
          stepSec: TREND_STEP_SEC,
        }),
      ]);
      return toClusterHealth({
        name: cluster.name,
        links: cluster.links,
        metrics: metricsOf(own(samples)),
        trend: trendOfAnswer(own(series)),
        thresholds: this.options.thresholds,
        observedAt: evaluation.observedAt,
      });
    } catch (error) {
      return unknownClusterHealth(
        cluster.name,
        cluster.links,
        this.describe(error, signal),
        evaluation.observedAt,
      );
    }
  }

  private describe(error: unknown, signal: AbortSignal): string {
    if (signal.aborted) {
      return `Prometheus did not answer within ${this.options.timeoutMs} ms`;
    }
    if (error instanceof PrometheusError) return error.message;
    // Anything else is our bug, not the cluster's; say so without leaking internals.
    return 'reading Prometheus failed unexpectedly';
  }
}
