import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { findApplyCluster } from '../apply/clusterConfig';
import { describePlan } from '../apply/describePlan';
import {
  checkRevisionName,
  refuseBundleOfRevision,
  revisionSelector,
} from '../apply/removeRevision';
import { readBundle } from '../bundle/readBundle';

/**
 * The template editor's dry-run of mesh:cluster:apply: what would be applied where, with no
 * request to any cluster. A `removeRevision` is checked against the bundle as a real run checks
 * it; which objects it would delete only the cluster can tell.
 */
export async function outputDryRunPlan(
  ctx: {
    logger: LoggerService;
    output(name: 'results' | 'summary', value: any): void;
  },
  config: Config,
  bundleDir: string,
  clusterNames: string[],
  removeRevision?: string,
): Promise<void> {
  if (removeRevision !== undefined) {
    checkRevisionName(removeRevision);
  }
  // The editor's dry-run shows the plan even where the cluster is not configured yet (as in
  // the demo): a missing entry is what a real run would stop at, so it is said, not thrown.
  const plans = [];
  for (const cluster of clusterNames) {
    let destination: string;
    try {
      destination = findApplyCluster(config, cluster).url;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ctx.logger.warn(`${error.message}; a real run stops here`);
      destination = `${cluster} (not configured in kubernetes.clusterLocatorMethods)`;
    }
    const bundle = await readBundle(bundleDir, { cluster });
    const items = bundle.objects.map(({ object, file }) => ({ object, file }));
    if (removeRevision !== undefined) {
      refuseBundleOfRevision(cluster, { ...bundle, items }, removeRevision);
    }
    plans.push({ cluster, destination, ...describePlan(cluster, items) });
  }
  for (const plan of plans) {
    ctx.logger.info(
      `${plan.text}\n  to ${plan.destination}${
        removeRevision === undefined
          ? ''
          : `\n  then would delete the objects labelled ${revisionSelector(
              removeRevision,
            )} (listed on the cluster by a real run)`
      }`,
    );
  }
  ctx.output(
    'results',
    plans.flatMap(p => p.results),
  );
  ctx.output(
    'summary',
    plans
      .map(
        p =>
          `${p.cluster}: ${p.results.length} objects would be applied to ${p.destination}`,
      )
      .join('\n'),
  );
}
