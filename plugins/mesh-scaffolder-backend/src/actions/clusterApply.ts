import {
  LoggerService,
  PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { applyMeshBundle } from '../apply/applyMeshBundle';
import {
  ClusterApplyReport,
  describeResult,
  hasFailures,
} from '../apply/applyResult';
import { parseApplyTargets } from '../apply/applyTargets';
import { KubeClientFactory } from '../apply/kubeClient';
import { examples } from './clusterApply.examples';
import { outputDryRunPlan } from './clusterApplyDryRun';
import { authorizeClusterApply } from './clusterApplyPermission';
import {
  clusterApplyInputSchema,
  clusterApplyOutputSchema,
} from './clusterApplySchema';

export interface MeshClusterApplyActionOptions {
  /** Root config: clusters come from `kubernetes.clusterLocatorMethods`. */
  config: Config;
  permissions: PermissionsService;
  /** Replaces the `@kubernetes/client-node` based client, for tests. */
  kubeClientFactory?: KubeClientFactory;
}

/**
 * `mesh:cluster:apply`: applies a rendered mesh bundle directly to clusters with server-side
 * apply, for lab and development clusters that should not wait for a GitOps merge. Guarded by the
 * `mesh.cluster.apply` permission, checked with the credentials of the user who started the task.
 */
export function createMeshClusterApplyAction(
  options: MeshClusterApplyActionOptions,
) {
  const { config, permissions, kubeClientFactory } = options;
  return createTemplateAction({
    id: 'mesh:cluster:apply',
    description:
      'Applies a mesh bundle from the workspace to clusters of the kubernetes config with ' +
      'server-side apply: a server dry-run of the whole bundle first, then CRDs and namespaces, ' +
      'cluster-scoped and namespaced objects in order; optional readiness wait, Istio remote ' +
      "secrets and removal of a retired Istio revision's labelled objects. Needs the " +
      'mesh.cluster.apply permission.',
    examples,
    supportsDryRun: true,
    schema: {
      input: clusterApplyInputSchema,
      output: clusterApplyOutputSchema,
    },
    async handler(ctx) {
      const targets = parseApplyTargets(ctx.input.clusters);
      await authorizeClusterApply(
        permissions,
        targets,
        await ctx.getInitiatorCredentials(),
      );
      const clusterNames = targets.map(t => t.name);
      const bundleDir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.bundlePath ?? '.',
      );

      if (ctx.isDryRun) {
        await outputDryRunPlan(
          ctx,
          config,
          bundleDir,
          clusterNames,
          ctx.input.removeRevision,
        );
        return;
      }

      // A failed apply fails its checkpoint, so a retried task applies again instead of
      // replaying the failure as a stored success.
      const reports = (await ctx.checkpoint({
        key: `mesh-cluster-apply-${clusterNames.join('-')}`,
        fn: async () => {
          const applied = await applyMeshBundle({
            config,
            bundleDir,
            clusters: clusterNames,
            // Defaults are repeated here: a handler may be called with the raw step input.
            dryRunOnly: ctx.input.dryRunOnly === true,
            force: ctx.input.force === true,
            remoteSecrets: ctx.input.remoteSecrets === true,
            removeRevision: ctx.input.removeRevision,
            ...(ctx.input.wait === true && {
              waitTimeoutSeconds: ctx.input.timeoutSeconds ?? 300,
            }),
            log: message => ctx.logger.info(message),
            kubeClientFactory,
            signal: ctx.signal,
          });
          throwIfFailed(applied, ctx.signal, all => outputReports(ctx, all));
          return applied as any;
        },
      })) as ClusterApplyReport[];
      outputReports(ctx, reports);
    },
  });
}

/** Logs the per-cluster summary and sets the action's outputs. */
function outputReports(
  ctx: {
    logger: LoggerService;
    output(name: 'results' | 'summary', value: any): void;
  },
  reports: ClusterApplyReport[],
): void {
  const summary = reports.map(summarize).join('\n');
  ctx.logger.info(summary);
  ctx.output(
    'results',
    reports.flatMap(r => r.results),
  );
  ctx.output('summary', summary);
}

/** Outputs the reports and throws when an apply did not fully succeed or was cancelled. */
function throwIfFailed(
  reports: ClusterApplyReport[],
  signal: AbortSignal | undefined,
  output: (reports: ClusterApplyReport[]) => void,
): void {
  const failed = reports.filter(hasFailures);
  if (failed.length === 0 && !signal?.aborted) {
    return;
  }
  output(reports);
  throw new Error(
    signal?.aborted
      ? 'Apply cancelled: nothing more was sent once the task was cancelled'
      : `Apply did not succeed:\n${failed.map(describeFailures).join('\n')}`,
  );
}

function summarize(report: ClusterApplyReport): string {
  const counts = new Map<string, number>();
  for (const result of report.results) {
    counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  }
  const parts = [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
  return `${report.cluster}${
    report.dryRun ? ' (server dry-run)' : ''
  }: ${parts}`;
}

function describeFailures(report: ClusterApplyReport): string {
  const lines = report.results
    .filter(r => r.outcome === 'failed')
    .map(r => `  ${report.cluster}: ${describeResult(r)}: ${r.reason}`);
  if (report.missingCrds.length > 0) {
    lines.unshift(
      `  ${report.cluster}: install these CRDs first: ${report.missingCrds.join(
        ', ',
      )}`,
    );
  }
  lines.push(
    ...report.notReady.map(n => `  ${report.cluster}: not ready in time: ${n}`),
  );
  return lines.join('\n');
}
