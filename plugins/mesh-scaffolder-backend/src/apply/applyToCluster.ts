import { applyInTiers } from './applyObjects';
import { ClusterApplyReport, hasFailures } from './applyResult';
import {
  ClusterRun,
  ClusterRunOptions,
  describeFailures,
  hasFailed,
  Planned,
  skipRest,
  startClusterRun,
} from './clusterRun';
import { dryRunObjects } from './dryRunObjects';
import { planObjects } from './planObjects';
import { removeRevision } from './removeRevision';
import { waitForApplied } from './waitForReadiness';

export interface ApplyToClusterOptions
  extends Omit<ClusterRunOptions, 'concurrency'> {
  /** Wait for readiness after applying. */
  wait?: { timeoutMs: number; pollMs?: number };
  /** Requests in flight at once; {@link DEFAULT_CONCURRENCY} when not set. */
  concurrency?: number;
  /** How long to wait for CRDs from the bundle to be served before their objects are applied. */
  crdServedTimeoutMs?: number;
  /** A retired Istio revision whose labelled objects are deleted once the bundle is applied. */
  removeRevision?: string;
}

/**
 * Requests in flight per cluster. A tier of a bundle (tens of objects) then goes out in one
 * round trip, so an apply costs about tiers × latency; an API server's defaults (200 mutating
 * requests in flight, API priority and fairness per client) leave ample room for 64.
 */
const DEFAULT_CONCURRENCY = 64;

/**
 * Applies a bundle's objects to one cluster with server-side apply: resolve every kind through
 * discovery, report missing CRDs, dry-run the whole bundle (`dryRun=All`), and only if every object
 * passes, apply tier by tier. Objects that cannot be dry-run before tier 0 exists (their namespace
 * or CRD is created by this bundle) are dry-run right after tier 0 and before anything else is
 * written; so nothing but the bundle's own namespaces and CRDs is written before every object has
 * passed a server dry-run. With `removeRevision`, a retired revision's objects are deleted after
 * the bundle is applied (or dry-run), and only when nothing failed.
 */
export async function applyToCluster(
  options: ApplyToClusterOptions,
): Promise<ClusterApplyReport> {
  const run = startClusterRun({
    ...options,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
  });
  const { clusterName, log, report } = run;
  const planned = await planObjects(run, options.items);
  if (hasFailed(planned)) {
    skipRest(
      planned,
      'not applied: some kinds are not served by the cluster (see failed objects)',
    );
    log(
      `${clusterName}: nothing applied; kinds not served: ${
        report.missingCrds.join(', ') || 'see results'
      }`,
    );
    return report;
  }
  if (!(await dryRunBundle(run, planned))) {
    return report;
  }
  if (!run.dryRunOnly) {
    const applied = await applyInTiers(run, planned, {
      crdServedTimeoutMs: options.crdServedTimeoutMs ?? 60_000,
    });
    if (applied && options.wait) {
      await waitForApplied(run, planned, {
        timeoutMs: options.wait.timeoutMs,
        pollMs: options.wait.pollMs ?? 2000,
      });
    }
  }
  if (options.removeRevision) {
    // The old revision goes only once the bundle that replaces it is in place (and ready).
    if (hasFailures(report) || run.halt.signal.aborted) {
      log(
        `${clusterName}: revision ${options.removeRevision} not removed: the apply did not fully succeed`,
      );
    } else {
      await removeRevision(run, options.removeRevision);
    }
  }
  return report;
}

/** The dry-run before anything is written; true when it passed (and a real run may apply). */
async function dryRunBundle(
  run: ClusterRun,
  planned: Planned[],
): Promise<boolean> {
  const { clusterName, log } = run;
  await dryRunObjects(
    run,
    planned.filter(p => !p.waitsFor),
  );
  if (hasFailed(planned)) {
    skipRest(
      planned,
      'not applied: the server dry-run failed for other objects of the bundle',
    );
    log(
      `${clusterName}: server dry-run failed; nothing written:\n${describeFailures(
        planned,
      )}`,
    );
    return false;
  }
  const deferred = planned.filter(p => p.waitsFor);
  const passed = planned.length - deferred.length;
  if (run.dryRunOnly) {
    for (const p of deferred) {
      p.result.reason = `not dry-run: needs ${p.waitsFor}, which this bundle creates`;
    }
    log(`${clusterName}: server dry-run passed for ${passed} objects`);
    return true;
  }
  log(`${clusterName}: server dry-run passed for ${passed} objects; applying`);
  return true;
}
