import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  advanceUpgrade,
  UPGRADE_STAGES,
  UpgradeRefusedError,
} from '../upgrade';
import { parseSpecInput } from './parseSpecInput';
import { specInputDescription } from './specInputDescription';
import { examples } from './upgradePlan.examples';
import {
  gateRequests,
  isGatedStage,
  requireGatePasses,
  UpgradeGate,
} from './upgradePlanGate';
import { UPGRADE_SCOPES, upgradeClusters } from './upgradePlanScope';

export interface MeshUpgradePlanActionOptions {
  /**
   * The mesh backend's upgrade gate (`UpgradeGateClient` with the module's own service
   * credentials). Without it, promote and cleanup are refused.
   */
  gate?: UpgradeGate;
}

/**
 * `mesh:upgrade:plan`: the spec after one stage of a staged Istio upgrade; a later
 * `mesh:bundle:render` step renders the spec it outputs. Before promote and cleanup it asks the
 * mesh backend's upgrade gate about every cluster the stage changes, except in a dry run.
 */
export function createMeshUpgradePlanAction(
  options: MeshUpgradePlanActionOptions = {},
) {
  return createTemplateAction({
    id: 'mesh:upgrade:plan',
    description:
      'Runs one stage of a revision-based canary upgrade of Istio on a mesh spec (precheck, ' +
      'canary, move, promote, cleanup) and outputs the next spec with notes for the pull ' +
      'request; fails with the reasons when the precheck refuses, the stage is out of order, ' +
      "or — before promote and cleanup — the mesh backend's upgrade gate refuses or cannot be asked.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        spec: z =>
          z.record(z.string(), z.unknown()).describe(specInputDescription),
        to: z =>
          z.string().describe('Istio release to upgrade to, e.g. 1.31.0'),
        stage: z =>
          z
            .enum(UPGRADE_STAGES)
            .describe(
              'The stage to run; each stage needs the spec the stage before it output',
            ),
        namespaces: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Stage move: the injection namespaces to move to the canary; all when omitted',
            ),
        scope: z =>
          z
            .enum(UPGRADE_SCOPES)
            .optional()
            .describe(
              "cluster: the spec's own cluster (refused for a multi-cluster spec, whose members share it); mesh: every cluster the spec renders. Default: every cluster the spec renders",
            ),
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              "The upgraded cluster's catalog entity ref (kind Resource by default); its name must be a cluster of the spec",
            ),
      },
      output: {
        spec: z =>
          z
            .record(z.string(), z.unknown())
            .describe('The spec after the stage, for mesh:bundle:render'),
        notes: z =>
          z
            .array(z.string())
            .describe(
              'What the reviewer should know: CRD and Gateway API changes, workloads to restart, whether the upgrade gate was asked',
            ),
      },
    },
    async handler(ctx) {
      const { to, stage } = ctx.input;
      const spec = parseSpecInput(ctx.input.spec);
      const clusters = upgradeClusters(
        spec,
        ctx.input.scope,
        ctx.input.cluster,
      );
      let step;
      try {
        step = advanceUpgrade(spec, to, stage, {
          namespaces: ctx.input.namespaces,
        });
      } catch (error) {
        if (!(error instanceof UpgradeRefusedError)) throw error;
        throw new InputError(
          `Istio upgrade ${stage} to ${to} refused:\n${error.reasons.join(
            '\n',
          )}`,
        );
      }
      const notes = [...step.notes];
      if (isGatedStage(stage)) {
        const requests = gateRequests(spec, stage, clusters);
        // A dry run (the template editor) may have no cluster or health behind it; it says so
        // instead of failing, and a real run asks.
        notes.push(
          ctx.isDryRun
            ? `upgrade gate not asked in a dry run: a real run asks the mesh backend before ${stage} of ${clusters.join(
                ', ',
              )}`
            : await requireGatePasses(options.gate, requests).catch(error => {
                ctx.logger.error(error.message);
                throw error;
              }),
        );
      }
      for (const note of notes) ctx.logger.info(note);
      ctx.output('spec', step.spec as unknown as Record<string, unknown>);
      ctx.output('notes', notes);
    },
  });
}
