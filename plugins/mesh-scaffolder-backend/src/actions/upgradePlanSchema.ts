import type { z as zodV3 } from 'zod/v3';
import { UPGRADE_STAGES } from '../upgrade';
import { specInputDescription } from './specInputDescription';
import { UPGRADE_SCOPES } from './upgradePlanScope';

// The schema builder scaffolder-node hands each field (its zod, the v3 API).
type Zod = typeof zodV3;

/** What `mesh:upgrade:plan` takes, each field described for the template editor. */
export const upgradePlanInputSchema = {
  spec: (z: Zod) =>
    z.record(z.string(), z.unknown()).describe(specInputDescription),
  to: (z: Zod) =>
    z.string().describe('Istio release to upgrade to, e.g. 1.31.0'),
  stage: (z: Zod) =>
    z
      .enum(UPGRADE_STAGES)
      .describe(
        'The stage to run; each stage needs the spec the stage before it output',
      ),
  namespaces: (z: Zod) =>
    z
      .array(z.string())
      .optional()
      .describe(
        'Stage move: the injection namespaces to move to the canary; all when omitted',
      ),
  scope: (z: Zod) =>
    z
      .enum(UPGRADE_SCOPES)
      .optional()
      .describe(
        "cluster: the spec's own cluster (refused for a multi-cluster spec, whose members share it); mesh: every cluster the spec renders. Default: every cluster the spec renders",
      ),
  cluster: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        "The upgraded cluster's catalog entity ref (kind Resource by default); its name must be a cluster of the spec",
      ),
};

/** What `mesh:upgrade:plan` outputs. */
export const upgradePlanOutputSchema = {
  spec: (z: Zod) =>
    z
      .record(z.string(), z.unknown())
      .describe('The spec after the stage, for mesh:bundle:render'),
  notes: (z: Zod) =>
    z
      .array(z.string())
      .describe(
        'What the reviewer should know: CRD and Gateway API changes, workloads to restart, whether the upgrade gate was asked',
      ),
};
