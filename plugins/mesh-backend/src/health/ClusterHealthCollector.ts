import {
  ClusterHealth,
  HealthThresholds,
  HealthTrend,
  TrendPoint,
} from '@mesh-templates/plugin-mesh-common';
import { MeshClusterConfig } from '../config/MeshConfig';
import {
  FetchFn,
  PrometheusClient,
  RangeSeries,
} from '../prometheus/PrometheusClient';
import { PrometheusError } from '../prometheus/PrometheusError';
import {
  combine,
  instantExpressions,
  PART_LABEL,
  QueryScope,
  trendExpressions,
} from '../prometheus/healthQueries';
import { unknownClusterHealth } from './emptyHealth';
import { readClusterMetrics } from './readClusterMetrics';
import { toClusterHealth } from './toClusterHealth';

/** The trend covers the last hour in 5-minute steps: 13 points, enough for a sparkline. */
const TREND_RANGE_SEC = 3600;
const TREND_STEP_SEC = 300;

export interface Workload {
  id: string;
  namespace?: string;
}

function trendOf(series: RangeSeries[]): HealthTrend {
  const points = (part: string): TrendPoint[] =>
    (series.find(s => s.labels[PART_LABEL] === part)?.points ?? []).filter(p =>
      Number.isFinite(p.v),
    );
  return {
    requestsPerSecond: points('requestsPerSecond'),
    errorRate5xx: points('errorRate5xx'),
  };
}

/**
 * Reads one cluster's health: one instant and one range query, in parallel, both cut off at the
 * cluster timeout. Never throws: a cluster that cannot be read is `unknown` with the reason.
 */
export class ClusterHealthCollector {
  constructor(
    private readonly options: {
      thresholds: HealthThresholds;
      timeoutMs: number;
      now?: () => number;
      fetchFn?: FetchFn;
    },
  ) {}

  async collect(
    cluster: MeshClusterConfig,
    workload?: Workload,
  ): Promise<ClusterHealth> {
    const now = this.options.now ?? Date.now;
    const observedAt = new Date(now());
    const nowSec = Math.floor(observedAt.getTime() / 1000);
    const scope: QueryScope = {
      clusterMatcher: cluster.prometheus.clusterMatcher,
      workload,
    };
    const client = new PrometheusClient(
      cluster.prometheus,
      this.options.fetchFn,
    );
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const [samples, series] = await Promise.all([
        client.query(combine(instantExpressions(scope)), {
          signal,
          timeSec: nowSec,
        }),
        client.queryRange(combine(trendExpressions(scope)), {
          signal,
          startSec: nowSec - TREND_RANGE_SEC,
          endSec: nowSec,
          stepSec: TREND_STEP_SEC,
        }),
      ]);
      return toClusterHealth({
        name: cluster.name,
        links: cluster.links,
        metrics: readClusterMetrics(samples),
        trend: trendOf(series),
        thresholds: this.options.thresholds,
        observedAt,
      });
    } catch (error) {
      return unknownClusterHealth(
        cluster.name,
        cluster.links,
        this.describe(error, signal),
        observedAt,
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
