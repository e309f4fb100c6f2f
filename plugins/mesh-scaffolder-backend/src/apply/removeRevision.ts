import { InputError } from '@backstage/errors';
import { KubernetesObject } from '@kubernetes/client-node';
import type { BundleHelmValues } from '../bundle/meshBundle';
import {
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  REVISION_BOUND_KINDS,
  REVISION_LABEL,
  revisionLabels,
} from '../render/revisionLabels';
import { describeResult, ObjectApplyResult } from './applyResult';
import { ClusterRun } from './clusterRun';
import { KubeRequestError } from './kubeRequestError';
import { ApplyItem } from './resolveObjects';

/** The name of the apply option, for errors and logs. */
export const REMOVE_REVISION_INPUT = 'removeRevision';

/**
 * An Istio revision name as `istio.io/rev` carries it: a DNS label (lowercase letters, digits,
 * dashes), which also keeps it from adding terms to a label selector.
 */
export const REVISION_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Throws an InputError naming the option when `revision` is not a revision name. */
export function checkRevisionName(revision: string): void {
  if (!REVISION_PATTERN.test(revision)) {
    throw new InputError(
      `${REMOVE_REVISION_INPUT}: "${revision}" is not an Istio revision name (a DNS label such as 1-30-3)`,
    );
  }
}

/** The label selector of a revision's objects: both labels the bundle owns, nothing looser. */
export function revisionSelector(revision: string): string {
  return Object.entries(revisionLabels(revision))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

function isOwnedByRevision(object: KubernetesObject, revision: string) {
  const labels = object.metadata?.labels ?? {};
  return (
    labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE &&
    labels[REVISION_LABEL] === revision
  );
}

/**
 * Refuses a removal whose bundle still installs the revision: an object labelled with it (an
 * istiod release object, a namespace pinned to it) or istiod values of it. Only a cleanup bundle
 * retires a revision; removing one the bundle applies would delete what was just applied.
 */
export function refuseBundleOfRevision(
  cluster: string,
  bundle: {
    items: ApplyItem[];
    helmValues: Pick<BundleHelmValues, 'chart' | 'release' | 'values'>[];
  },
  revision: string,
): void {
  const holders = [
    ...bundle.items
      .filter(i => i.object.metadata.labels?.[REVISION_LABEL] === revision)
      .map(i => describeResult({ ...i.object, ...i.object.metadata })),
    ...bundle.helmValues
      .filter(
        v =>
          (v.chart === 'istiod' || v.chart === 'istiod-remote') &&
          v.values.revision === revision,
      )
      .map(v => `Helm release ${v.release} (values revision ${revision})`),
  ];
  if (holders.length > 0) {
    throw new InputError(
      `${REMOVE_REVISION_INPUT}: the bundle of cluster "${cluster}" still installs revision ${revision} (${holders.join(
        ', ',
      )}); only a bundle that no longer holds it, such as the upgrade's cleanup stage, can remove it`,
    );
  }
}

/** The cluster's objects of one kind that carry both labels of the revision. */
async function listOwned(
  run: ClusterRun,
  kind: { apiVersion: string; kind: string },
  revision: string,
): Promise<ObjectApplyResult[]> {
  if (!(await run.client.discovery.resolve(kind.apiVersion, kind.kind))) {
    return [];
  }
  const list = await run.client.list(
    kind.apiVersion,
    kind.kind,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    revisionSelector(revision),
  );
  // The selector is the server's filter; the labels are checked again so that nothing without
  // them is ever deleted, whatever the server answered.
  return list.items
    .filter(item => isOwnedByRevision(item, revision))
    .map(item => ({
      cluster: run.clusterName,
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      name: item.metadata!.name!,
      ...(item.metadata?.namespace && { namespace: item.metadata.namespace }),
      outcome: 'skipped' as const,
    }));
}

async function deleteOne(
  run: ClusterRun,
  result: ObjectApplyResult,
  dryRun: boolean,
): Promise<void> {
  const reference = {
    apiVersion: result.apiVersion,
    kind: result.kind,
    metadata: { name: result.name, namespace: result.namespace },
  };
  try {
    await run.client.delete(reference, undefined, dryRun ? 'All' : undefined);
    if (!dryRun || run.dryRunOnly) {
      result.outcome = 'deleted';
    }
  } catch (error) {
    if (!(error instanceof KubeRequestError)) {
      throw error;
    }
    if (!dryRun && error.code === 404) {
      result.outcome = 'deleted';
      result.reason = 'already gone when the delete was sent';
      return;
    }
    result.outcome = 'failed';
    result.reason = `${dryRun ? 'server dry-run: ' : ''}${error.message}`;
  }
}

/**
 * After a bundle is applied (or dry-run), deletes the cluster's objects of a retired Istio
 * revision: those of the revision-bound kinds that carry both labels the bundle owns
 * (`app.kubernetes.io/managed-by: mesh-templates`, `istio.io/rev: <revision>`). Every delete is
 * dry-run first; if one fails, none is sent. Each object is a row of the report, `deleted` (in a
 * dry-run-only run: would be deleted) or `failed` with the reason.
 */
export async function removeRevision(
  run: ClusterRun,
  revision: string,
): Promise<void> {
  const { clusterName, log } = run;
  const found: ObjectApplyResult[] = [];
  try {
    await run.each([...REVISION_BOUND_KINDS], async kind => {
      found.push(...(await listOwned(run, kind, revision)));
    });
  } catch (error) {
    if (!(error instanceof KubeRequestError)) throw error;
    run.report.results.push(listFailure(run, revision, error));
    log(`${clusterName}: revision ${revision} not removed: ${error.message}`);
    return;
  }
  found.sort((a, b) => describeResult(a).localeCompare(describeResult(b)));
  run.report.results.push(...found);
  if (found.length === 0) {
    log(`${clusterName}: no objects of revision ${revision} to remove`);
    return;
  }
  await run.each(found, r => deleteOne(run, r, true));
  const failed = found.filter(r => r.outcome === 'failed');
  if (failed.length > 0) {
    for (const r of found.filter(f => f.outcome !== 'failed')) {
      r.reason =
        'not deleted: the server dry-run failed for other objects of the revision';
    }
    log(
      `${clusterName}: revision ${revision} not removed; the dry-run of its deletion failed:\n${failed
        .map(r => `  ${describeResult(r)}: ${r.reason}`)
        .join('\n')}`,
    );
    return;
  }
  if (!run.dryRunOnly) {
    await run.each(found, r => deleteOne(run, r, false));
  }
  for (const r of found) {
    log(
      `${clusterName}: ${
        run.dryRunOnly ? 'would delete' : r.outcome
      } ${describeResult(r)} (revision ${revision})`,
    );
  }
}

/** A report row for a list that failed: nothing of the revision was deleted. */
function listFailure(
  run: ClusterRun,
  revision: string,
  error: KubeRequestError,
): ObjectApplyResult {
  return {
    cluster: run.clusterName,
    apiVersion: 'v1',
    kind: 'List',
    name: revisionSelector(revision),
    outcome: 'failed',
    reason: `listing the objects of revision ${revision} failed: ${error.message}`,
  };
}
