import {
  ClusterHealth,
  ClusterLinks,
  HealthThresholds,
  HealthTrend,
} from '@mesh-templates/plugin-mesh-common';
import { ClusterMetrics } from './ClusterMetrics';
import { evaluateHealth } from './evaluateHealth';
import { proxiesOffIstiodVersions } from './versionSkew';

function ratio(part: number | null, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  // A missing part series means no such request happened in the window.
  return Math.min(1, Math.max(0, (part ?? 0) / total));
}

/** Shapes the raw numbers into the response, then judges them. */
export function toClusterHealth(options: {
  name: string;
  links: ClusterLinks;
  metrics: ClusterMetrics;
  trend: HealthTrend;
  thresholds: HealthThresholds;
  observedAt: Date;
}): ClusterHealth {
  const m = options.metrics;
  // Without an `up` series (istiod scraped under another job name), pilot_* series prove it is up.
  const istiodUp =
    m.istiodUp !== null
      ? m.istiodUp >= 1
      : m.istiodVersions.length > 0 || m.connectedProxies !== null;
  const noIstioData =
    m.istiodUp === null &&
    !istiodUp &&
    m.requestsPerSecond === null &&
    m.proxyVersions.length === 0;
  const controlPlane = {
    istiodUp,
    versions: m.istiodVersions,
    connectedProxies: m.connectedProxies,
    xdsRejectsPerMinute: m.xdsRejectsPerMinute,
    pushP99Ms: m.pushP99Ms,
  };
  const traffic = {
    requestsPerSecond: m.requestsPerSecond,
    errorRate5xx: ratio(m.requests5xxPerSecond, m.requestsPerSecond),
    errorRate4xx: ratio(m.requests4xxPerSecond, m.requestsPerSecond),
    latencyP50Ms: m.latencyP50Ms,
    latencyP99Ms: m.latencyP99Ms,
    mtlsShare: ratio(m.mtlsRequestsPerSecond, m.requestsPerSecond),
  };
  const proxies = {
    versions: m.proxyVersions,
    skew: proxiesOffIstiodVersions(m.proxyVersions, m.istiodVersions),
  };
  const verdict = evaluateHealth(
    { noIstioData, controlPlane, traffic, proxies },
    options.thresholds,
  );
  return {
    name: options.name,
    status: verdict.status,
    reasons: verdict.reasons,
    controlPlane,
    traffic,
    proxies,
    trend: options.trend,
    links: options.links,
    observedAt: options.observedAt.toISOString(),
  };
}
