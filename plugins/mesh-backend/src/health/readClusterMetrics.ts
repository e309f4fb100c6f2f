import { InstantSample } from '../prometheus/PrometheusClient';
import { InstantPart, PART_LABEL } from '../prometheus/healthQueries';
import { ClusterMetrics } from './ClusterMetrics';

type ScalarPart = Exclude<InstantPart, 'istiodVersions' | 'proxyVersions'>;

/** NaN (a quantile or ratio over zero traffic) and infinities are "no number", not a number. */
function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Splits the combined instant query's answer back into its parts. */
export function readClusterMetrics(samples: InstantSample[]): ClusterMetrics {
  const scalar = (part: ScalarPart) =>
    finite(samples.find(s => s.labels[PART_LABEL] === part)?.value);
  const tags = (part: 'istiodVersions' | 'proxyVersions') =>
    samples
      .filter(s => s.labels[PART_LABEL] === part && s.labels.tag)
      .map(s => ({ version: s.labels.tag, count: s.value }))
      .sort((a, b) =>
        a.version.localeCompare(b.version, 'en', { numeric: true }),
      );
  return {
    istiodUp: scalar('istiodUp'),
    istiodVersions: tags('istiodVersions').map(v => v.version),
    connectedProxies: scalar('connectedProxies'),
    xdsRejectsPerMinute: scalar('xdsRejectsPerMinute'),
    pushP99Ms: scalar('pushP99Ms'),
    requestsPerSecond: scalar('requestsPerSecond'),
    requests5xxPerSecond: scalar('requests5xxPerSecond'),
    requests4xxPerSecond: scalar('requests4xxPerSecond'),
    mtlsRequestsPerSecond: scalar('mtlsRequestsPerSecond'),
    latencyP50Ms: scalar('latencyP50Ms'),
    latencyP99Ms: scalar('latencyP99Ms'),
    proxyVersions: tags('proxyVersions'),
  };
}
