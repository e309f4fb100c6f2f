import {
  ClusterHealth,
  ClusterLinks,
  HealthThresholds,
  HealthTrend,
} from '@mesh-templates/plugin-mesh-common';
import { ClusterMetrics } from './ClusterMetrics';
import { evaluateHealth } from './evaluateHealth';
import {
  certificateVerdicts,
  endOfLifeOf,
  endOfLifeVerdict,
  ztunnelVerdicts,
} from './lifecycleVerdicts';
import { proxiesOffIstiodVersions } from './versionSkew';

function isoOf(unixSec: number | null): string | null {
  return unixSec === null ? null : new Date(unixSec * 1000).toISOString();
}

function ratio(part: number | null, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  // A missing part series means no such request happened in the window.
  return Math.min(1, Math.max(0, (part ?? 0) / total));
}

/** Certificates, end of life and ztunnel: the numbers and their verdicts. */
function lifecycleOf(
  m: ClusterMetrics,
  thresholds: HealthThresholds,
  now: Date,
) {
  const certificates = {
    rootExpiresAt: isoOf(m.rootCertExpirySec),
    istiodExpiresAt: isoOf(m.istiodCertExpirySec),
  };
  const endOfLife = endOfLifeOf(m.istiodVersions);
  const ztunnel =
    m.ztunnelNodes === null
      ? null
      : {
          nodes: m.ztunnelNodes,
          up: m.ztunnelUp ?? 0,
          versions: m.ztunnelVersions,
        };
  const verdicts = [
    ...certificateVerdicts(certificates, thresholds, now),
    endOfLifeVerdict(m.istiodVersions, endOfLife, thresholds, now),
    ...ztunnelVerdicts(ztunnel, m.istiodVersions, thresholds),
  ];
  return { certificates, endOfLife, ztunnel, verdicts };
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
    revisions: m.revisions,
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
  const lifecycle = lifecycleOf(m, options.thresholds, options.observedAt);
  const verdict = evaluateHealth(
    { noIstioData, controlPlane, traffic, proxies },
    options.thresholds,
    noIstioData ? [] : lifecycle.verdicts,
  );
  return {
    name: options.name,
    status: verdict.status,
    reasons: verdict.reasons,
    controlPlane,
    traffic,
    proxies,
    trend: options.trend,
    certificates: lifecycle.certificates,
    revisions: m.istiodRevisions,
    endOfLife: lifecycle.endOfLife,
    ztunnel: lifecycle.ztunnel,
    links: options.links,
    observedAt: options.observedAt.toISOString(),
  };
}
