import { KubernetesObject as LiveObject } from '@kubernetes/client-node';
import { describeResult } from './applyResult';
import { APPLY_TIERS, ApplyTier } from './applyTiers';
import {
  ClusterRun,
  describeFailures,
  hasFailed,
  Planned,
  skipRest,
} from './clusterRun';
import { dryRunObjects } from './dryRunObjects';
import { serverSideApply } from './serverSideApply';
import { waitUntilServed } from './waitUntilServed';

/**
 * Applies tier by tier, each tier's objects concurrently. Objects that waited for tier 0 (their
 * namespace or CRD comes with the bundle) are dry-run as soon as tier 0 is applied and before
 * anything else is written. Returns false when it stopped at a failure; the report says where.
 */
export async function applyInTiers(
  run: ClusterRun,
  planned: Planned[],
  options: { crdServedTimeoutMs: number },
): Promise<boolean> {
  const deferred = planned.filter(p => p.waitsFor);
  for (const tier of [0, 1, 2] as ApplyTier[]) {
    if (tier === 1 && deferred.length > 0) {
      await waitUntilServed(run, deferred, options.crdServedTimeoutMs);
      await dryRunObjects(
        run,
        deferred.filter(p => p.resource),
      );
      if (hasFailed(planned)) {
        skipRest(
          planned,
          `not applied: a dry-run after tier "${APPLY_TIERS[0]}" failed`,
        );
        run.log(
          `${
            run.clusterName
          }: server dry-run failed after tier 0; only namespaces and CRDs were written:\n${describeFailures(
            planned,
          )}`,
        );
        return false;
      }
    }
    const inTier = planned.filter(p => p.tier === tier);
    if (inTier.length === 0) {
      continue;
    }
    run.log(
      `${run.clusterName}: tier ${tier + 1}/${APPLY_TIERS.length} (${
        APPLY_TIERS[tier]
      }): ${inTier.length} objects`,
    );
    await run.each(inTier, p => applyOne(run, p));
    if (hasFailed(inTier) || run.halt.signal.aborted) {
      skipRest(
        planned,
        hasFailed(inTier)
          ? `not applied: tier "${APPLY_TIERS[tier]}" had failures`
          : 'not applied: the task was cancelled',
      );
      return false;
    }
  }
  return true;
}

async function applyOne(run: ClusterRun, p: Planned): Promise<void> {
  const answer = await serverSideApply(run.client, p.item.object, {
    dryRun: false,
    force: run.force,
  });
  if (!answer.ok) {
    // Queued writes of this tier are not sent once one fails.
    run.halt.abort();
    p.result.outcome = 'failed';
    p.result.reason = answer.reason;
    run.log(
      `${run.clusterName}: failed ${describeResult(p.result)}: ${
        answer.reason
      }`,
    );
    return;
  }
  p.result.outcome = appliedOutcome(p.dryRun!, answer.object);
  p.live = answer.object;
  run.log(
    `${run.clusterName}: ${p.result.outcome} ${describeResult(p.result)}`,
  );
}

/**
 * A dry-run of an object that does not exist yet answers without a resourceVersion; otherwise
 * with the live one, which the server bumps only when it stores a change.
 */
function appliedOutcome(
  dryRun: LiveObject,
  applied: LiveObject,
): 'created' | 'configured' | 'unchanged' {
  const before = dryRun.metadata?.resourceVersion;
  if (!before) {
    return 'created';
  }
  return before === applied.metadata?.resourceVersion
    ? 'unchanged'
    : 'configured';
}
