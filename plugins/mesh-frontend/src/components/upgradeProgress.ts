import { RevisionHealth } from '@mesh-templates/plugin-mesh-common';

/** How far proxies have moved to the newest revision of a cluster running more than one. */
export interface UpgradeProgress {
  /** The revision whose istiod runs the newest version: where proxies are moving to. */
  target: string;
  onTarget: number;
  total: number;
}

const byVersion = new Intl.Collator('en', { numeric: true });

function newestVersion(revision: RevisionHealth): string {
  return [...revision.versions].sort(byVersion.compare).pop() ?? '';
}

/**
 * An upgrade is in progress while two or more revisions run: the newest one is the canary, and
 * progress is its share of the connected proxies. null with one revision or no connected proxies.
 */
export function upgradeProgress(
  revisions: RevisionHealth[],
): UpgradeProgress | null {
  if (revisions.length < 2) return null;
  const target = [...revisions].sort((a, b) =>
    byVersion.compare(newestVersion(a), newestVersion(b)),
  )[revisions.length - 1];
  const total = revisions.reduce(
    (sum, r) => sum + (r.connectedProxies ?? 0),
    0,
  );
  if (total <= 0) return null;
  return {
    target: target.revision,
    onTarget: target.connectedProxies ?? 0,
    total,
  };
}
