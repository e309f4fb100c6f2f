import {
  ProxyVersionCount,
  RevisionHealth,
} from '@mesh-templates/plugin-mesh-common';
import { InstantSample } from '../prometheus/PrometheusClient';
import {
  InstantPart,
  PART_LABEL,
  REVISION_LABEL,
} from '../prometheus/healthQueries';
import { requestRates } from './requestRates';

/** Version tags in numeric order (1.9 before 1.10). */
const byVersion = new Intl.Collator('en', { numeric: true });

/** Series without the label come from an unrevisioned istiod or its sidecars: the default revision. */
function revisionOf(sample: InstantSample): string {
  return sample.labels[REVISION_LABEL] || 'default';
}

function ratio(part: number | null, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(1, Math.max(0, (part ?? 0) / total));
}

/**
 * The control-plane facts of each istiod revision, from the revision parts of the combined query. A
 * revision exists when its istiod or its sidecars have series; request series alone (a workload
 * labelled for a revision nobody runs) do not make one.
 */
export function readRevisions(samples: InstantSample[]): RevisionHealth[] {
  const byRevision = new Map<string, Map<InstantPart, InstantSample[]>>();
  for (const sample of samples) {
    const part = sample.labels[PART_LABEL] as InstantPart;
    const revision = revisionOf(sample);
    const parts = byRevision.get(revision) ?? new Map();
    byRevision.set(revision, parts);
    const list = parts.get(part) ?? [];
    parts.set(part, list);
    list.push(sample);
  }
  const revisions: RevisionHealth[] = [];
  for (const [revision, parts] of byRevision) {
    const of = (part: InstantPart) => parts.get(part) ?? [];
    const value = (part: InstantPart) => {
      const found = of(part)[0]?.value;
      return found !== undefined && Number.isFinite(found) ? found : null;
    };
    const versions = [...new Set(of('istiodRevisions').map(s => s.labels.tag))]
      .filter(Boolean)
      .sort(byVersion.compare);
    const proxyVersions: ProxyVersionCount[] = of('revisionProxyVersions')
      .filter(s => s.labels.tag)
      .map(s => ({ version: s.labels.tag, count: s.value }))
      .sort((a, b) => byVersion.compare(a.version, b.version));
    const up = value('revisionIstiodUp');
    const connectedProxies = value('revisionConnectedProxies');
    if (up === null && versions.length === 0 && proxyVersions.length === 0)
      continue;
    const requests = requestRates(of('requests'));
    revisions.push({
      revision,
      versions,
      // Without an `up` series (another job name), istiod's own series prove it is up.
      istiodUp: up !== null ? up >= 1 : versions.length > 0,
      connectedProxies,
      xdsRejectsPerMinute: value('revisionXdsRejectsPerMinute'),
      proxyVersions,
      requestsPerSecond: requests.total,
      errorRate5xx: ratio(requests.status5xx, requests.total),
    });
  }
  return revisions.sort((a, b) => byVersion.compare(a.revision, b.revision));
}
