import {
  RevisionHealth,
  UpgradeGateStage,
  UpgradeGateThresholds,
} from '@mesh-templates/plugin-mesh-common';

/** What the gate judges: one cluster's revisions, and which one is being replaced by which. */
export interface UpgradeGateFacts {
  cluster: string;
  /** The revision being replaced (stable). */
  from: string;
  /** The revision being rolled out (canary). */
  to: string;
  revisions: RevisionHealth[];
  /** Why the cluster could not be read, when it could not; the gate then refuses. */
  unreadable?: string[];
}

export interface UpgradeGateVerdict {
  allowed: boolean;
  reasons: string[];
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)} %`;
}

/** Promote moves `stable` to the canary: only when its istiod is up and its workloads do no worse. */
function promoteRefusals(
  facts: UpgradeGateFacts,
  thresholds: UpgradeGateThresholds,
): string[] {
  const { cluster, from, to } = facts;
  const canary = facts.revisions.find(r => r.revision === to);
  if (!canary)
    return [
      `${cluster}: revision ${to} has no istiod or proxies in Prometheus`,
    ];
  const reasons: string[] = [];
  if (!canary.istiodUp)
    reasons.push(`${cluster}: istiod of revision ${to} is not up`);
  const rejects = canary.xdsRejectsPerMinute ?? 0;
  if (rejects > thresholds.xdsRejectsPerMinute)
    reasons.push(
      `${cluster}: proxies on revision ${to} reject configuration: ${rejects.toFixed(
        1,
      )} xDS rejects/min (limit ${thresholds.xdsRejectsPerMinute})`,
    );
  // Without traffic on the canary there is nothing to compare: its 5xx cannot be worse.
  if (canary.errorRate5xx !== null) {
    const stable = facts.revisions.find(r => r.revision === from);
    const stableRate = stable?.errorRate5xx ?? 0;
    if (canary.errorRate5xx - stableRate > thresholds.errorRate5xxIncrease)
      reasons.push(
        `${cluster}: workloads on revision ${to} answer ${percent(
          canary.errorRate5xx,
        )} 5xx against ${percent(
          stableRate,
        )} on ${from} (allowed increase ${percent(
          thresholds.errorRate5xxIncrease,
        )})`,
      );
  }
  return reasons;
}

/** Cleanup removes the old istiod: only once no proxy depends on it. */
function cleanupRefusals(facts: UpgradeGateFacts): string[] {
  const old = facts.revisions.find(r => r.revision === facts.from);
  const connected = old?.connectedProxies ?? 0;
  const injected = (old?.proxyVersions ?? []).reduce(
    (sum, v) => sum + v.count,
    0,
  );
  const still = Math.max(connected, injected);
  return still > 0
    ? [
        `${facts.cluster}: ${still} proxies still connect to revision ${facts.from}`,
      ]
    : [];
}

/**
 * Decides whether an upgrade may go on to `stage` on one cluster, from the control-plane facts the
 * health read. Refuses when the facts are missing: an unread cluster is not a healthy one.
 */
export function evaluateUpgradeGate(
  facts: UpgradeGateFacts,
  stage: UpgradeGateStage,
  thresholds: UpgradeGateThresholds,
): UpgradeGateVerdict {
  if (facts.unreadable?.length || facts.revisions.length === 0) {
    const why = facts.unreadable?.join('; ') || 'no istiod revision reported';
    return {
      allowed: false,
      reasons: [`${facts.cluster}: control-plane facts unavailable (${why})`],
    };
  }
  const reasons =
    stage === 'promote'
      ? promoteRefusals(facts, thresholds)
      : cleanupRefusals(facts);
  return { allowed: reasons.length === 0, reasons };
}
