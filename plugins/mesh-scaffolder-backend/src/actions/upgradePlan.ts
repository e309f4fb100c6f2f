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

/**
 * `mesh:upgrade:plan`: the spec after one stage of a staged Istio upgrade. Pure, so it runs the
 * same in a dry run; a later `mesh:bundle:render` step renders the spec it outputs.
 */
export function createMeshUpgradePlanAction() {
  return createTemplateAction({
    id: 'mesh:upgrade:plan',
    description:
      'Runs one stage of a revision-based canary upgrade of Istio on a mesh spec (precheck, ' +
      'canary, move, promote, cleanup) and outputs the next spec with notes for the pull ' +
      'request; fails with the reasons when the precheck refuses or the stage is out of order.',
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
              'What the reviewer should know: CRD and Gateway API changes, workloads to restart',
            ),
      },
    },
    async handler(ctx) {
      const spec = parseSpecInput(ctx.input.spec);
      let step;
      try {
        step = advanceUpgrade(spec, ctx.input.to, ctx.input.stage, {
          namespaces: ctx.input.namespaces,
        });
      } catch (error) {
        if (!(error instanceof UpgradeRefusedError)) throw error;
        throw new InputError(
          `Istio upgrade ${ctx.input.stage} to ${
            ctx.input.to
          } refused:\n${error.reasons.join('\n')}`,
        );
      }
      for (const note of step.notes) ctx.logger.info(note);
      ctx.output('spec', step.spec as unknown as Record<string, unknown>);
      ctx.output('notes', step.notes);
    },
  });
}
