import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { findApplyCluster } from '../apply/clusterConfig';
import { describePlan } from '../apply/describePlan';
import { readBundle } from '../bundle/readBundle';

/**
 * The template editor's dry-run of mesh:cluster:apply: what would be applied where, with no
 * request to any cluster.
 */
export async function outputDryRunPlan(
  ctx: {
    logger: LoggerService;
    output(name: 'results' | 'summary', value: any): void;
  },
  config: Config,
  bundleDir: string,
  clusterNames: string[],
): Promise<void> {
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
    plans.push({
      cluster,
      destination,
      ...describePlan(
        cluster,
        (await readBundle(bundleDir, { cluster })).objects.map(
          ({ object, file }) => ({ object, file }),
        ),
      ),
    });
  }
  for (const plan of plans) {
    ctx.logger.info(`${plan.text}\n  to ${plan.destination}`);
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
