import { KubernetesObject as LiveObject } from '@kubernetes/client-node';
import { isDeepStrictEqual } from 'node:util';
import { ClusterRun, Planned, referenceOf } from './clusterRun';
import { KubeRequestError } from './kubeRequestError';
import { serverSideApply } from './serverSideApply';

/**
 * Server dry-run (`dryRun=All`) of every object, all in one wave of requests. An object whose
 * namespace is missing but created by this bundle waits for tier 0 instead of failing. A
 * dry-run-only run also reads the live objects, in the same wave, to tell `configured` from
 * `unchanged`; a real apply reads that from the resourceVersions of the answers instead.
 */
export async function dryRunObjects(
  run: ClusterRun,
  list: Planned[],
): Promise<void> {
  const requests = list.flatMap(p => [
    () => dryRunOne(run, p),
    ...(run.dryRunOnly ? [() => readLive(run, p)] : []),
  ]);
  await run.each(requests, request => request());
  if (run.dryRunOnly) {
    for (const p of list.filter(d => d.dryRun && !d.result.reason)) {
      p.result.outcome = dryRunOutcome(p.live, p.dryRun!);
    }
  }
}

async function dryRunOne(run: ClusterRun, p: Planned): Promise<void> {
  const answer = await serverSideApply(run.client, p.item.object, {
    dryRun: true,
    force: run.force,
  });
  if (answer.ok) {
    p.dryRun = answer.object;
  } else if (
    answer.namespaceMissing &&
    run.bundleNamespaces.has(answer.namespaceMissing)
  ) {
    p.waitsFor = `namespace ${answer.namespaceMissing}`;
  } else {
    p.result.outcome = 'failed';
    p.result.reason = `server dry-run: ${answer.reason}`;
  }
}

async function readLive(run: ClusterRun, p: Planned): Promise<void> {
  try {
    p.live = await run.client.readObject(referenceOf(p));
  } catch (error) {
    if (!(error instanceof KubeRequestError)) {
      throw error;
    }
    p.result.outcome = 'failed';
    p.result.reason = `reading the live object failed: ${error.message}`;
  }
}

function dryRunOutcome(
  live: LiveObject | undefined,
  dryRun: LiveObject,
): 'created' | 'configured' | 'unchanged' {
  if (!live) {
    return 'created';
  }
  return sameObject(live, dryRun) ? 'unchanged' : 'configured';
}

/** Live object vs. dry-run answer, ignoring what every write touches. */
function sameObject(live: LiveObject, dryRun: LiveObject): boolean {
  const strip = (o: LiveObject) => {
    const {
      managedFields: _m,
      resourceVersion: _r,
      ...metadata
    } = o.metadata ?? {};
    return { ...o, metadata };
  };
  return isDeepStrictEqual(strip(live), strip(dryRun));
}
