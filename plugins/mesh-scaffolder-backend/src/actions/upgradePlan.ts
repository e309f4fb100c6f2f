import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { advanceUpgrade, UpgradeRefusedError } from '../upgrade';
import { parseSpecInput } from './parseSpecInput';
import { examples } from './upgradePlan.examples';
import {
  gateRequests,
  isGatedStage,
  requireGatePasses,
  UpgradeGate,
} from './upgradePlanGate';
import {
  upgradePlanInputSchema,
  upgradePlanOutputSchema,
} from './upgradePlanSchema';
import { upgradeClusters } from './upgradePlanScope';

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
      input: upgradePlanInputSchema,
      output: upgradePlanOutputSchema,
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
