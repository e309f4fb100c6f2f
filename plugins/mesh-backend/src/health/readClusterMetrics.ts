import { InstantSample } from '../prometheus/PrometheusClient';
import {
  InstantPart,
  PART_LABEL,
  RevisionPart,
  REVISION_LABEL,
} from '../prometheus/healthQueries';
import { ClusterMetrics } from './ClusterMetrics';
import { readRevisions } from './readRevisions';
import { requestRates } from './requestRates';

type TagPart = 'istiodVersions' | 'proxyVersions' | 'ztunnelVersions';
type ScalarPart = Exclude<
  InstantPart,
  TagPart | 'requests' | 'istiodRevisions' | RevisionPart
>;

/** NaN (a quantile or ratio over zero traffic) and infinities are "no number", not a number. */
function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Version tags in numeric order (1.9 before 1.10); one collator, as building one per compare is slow. */
const byVersion = new Intl.Collator('en', { numeric: true });

/** Splits the combined instant query's answer back into its parts. */
export function readClusterMetrics(samples: InstantSample[]): ClusterMetrics {
  const scalar = (part: ScalarPart) =>
    finite(samples.find(s => s.labels[PART_LABEL] === part)?.value);
  const tags = (part: TagPart) =>
    samples
      .filter(s => s.labels[PART_LABEL] === part && s.labels.tag)
      .map(s => ({ version: s.labels.tag, count: s.value }))
      .sort((a, b) => byVersion.compare(a.version, b.version));
  const requests = requestRates(
    samples.filter(s => s.labels[PART_LABEL] === 'requests'),
  );
  return {
    istiodUp: scalar('istiodUp'),
    istiodVersions: tags('istiodVersions').map(v => v.version),
    connectedProxies: scalar('connectedProxies'),
    xdsRejectsPerMinute: scalar('xdsRejectsPerMinute'),
    pushP99Ms: scalar('pushP99Ms'),
    requestsPerSecond: requests.total,
    requests5xxPerSecond: requests.status5xx,
    requests4xxPerSecond: requests.status4xx,
    mtlsRequestsPerSecond: requests.mutualTls,
    latencyP50Ms: scalar('latencyP50Ms'),
    latencyP99Ms: scalar('latencyP99Ms'),
    proxyVersions: tags('proxyVersions'),
    rootCertExpirySec: scalar('rootCertExpiry'),
    istiodCertExpirySec: scalar('istiodCertExpiry'),
    // An istiod without the revision label is the default revision.
    istiodRevisions: [
      ...new Set(
        samples
          .filter(s => s.labels[PART_LABEL] === 'istiodRevisions')
          .map(s => s.labels[REVISION_LABEL] || 'default'),
      ),
    ].sort(),
    ztunnelNodes: scalar('ztunnelNodes'),
    ztunnelUp: scalar('ztunnelUp'),
    ztunnelVersions: tags('ztunnelVersions'),
    revisions: readRevisions(samples),
  };
}
