import { REVISION_PATTERN } from '../apply/removeRevision';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';
import type { z as zodV3 } from 'zod/v3';

// The schema builder scaffolder-node hands each field (its zod, the v3 API).
type Zod = typeof zodV3;

/** What `mesh:cluster:apply` takes, each field described for the template editor. */
export const clusterApplyInputSchema = {
  clusters: (z: Zod) =>
    z
      .array(z.string().min(1))
      .min(1)
      .describe(
        "Target clusters: each the entity ref of the cluster's catalog Resource (resource:default/<name>), or its name; the name must be in kubernetes.clusterLocatorMethods (type: config) and have a tree in the bundle. mesh.cluster.apply is checked per cluster entity",
      ),
  bundlePath: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        `Workspace folder holding ${BUNDLE_INDEX_FILE}; defaults to the workspace root`,
      ),
  dryRunOnly: (z: Zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Only run the server dry-run (dryRun=All) and report what would change',
      ),
  force: (z: Zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Take fields owned by other field managers instead of failing with a conflict',
      ),
  wait: (z: Zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Wait until Deployments are Available, HelmReleases Ready, Applications Healthy and custom resources Ready',
      ),
  timeoutSeconds: (z: Zod) =>
    z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(300)
      .describe('How long `wait` waits, in seconds'),
  remoteSecrets: (z: Zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Create Istio remote secrets so each target cluster discovers the others (multi-cluster without Git)',
      ),
  removeRevision: (z: Zod) =>
    z
      .string()
      .regex(REVISION_PATTERN, 'an Istio revision name such as 1-30-3')
      .optional()
      .describe(
        "A retired Istio revision (e.g. 1-30-3) to remove after the bundle is applied: the cluster's Argo CD Applications and Flux HelmReleases labelled app.kubernetes.io/managed-by=mesh-templates and istio.io/rev=<revision> are deleted, dry-run first, each reported as deleted. Refused when the bundle still installs that revision (use the upgrade's cleanup bundle)",
      ),
};

/** What `mesh:cluster:apply` outputs, each described for the template editor and the task page. */
export const clusterApplyOutputSchema = {
  results: (z: Zod) =>
    z
      .array(
        z.object({
          cluster: z.string(),
          apiVersion: z.string(),
          kind: z.string(),
          name: z.string(),
          namespace: z.string().optional(),
          file: z.string().optional(),
          outcome: z.enum([
            'created',
            'configured',
            'unchanged',
            'deleted',
            'failed',
            'skipped',
          ]),
          reason: z.string().optional(),
        }),
      )
      .describe(
        'One row per object and cluster: created, configured, unchanged, deleted (an object of removeRevision), failed (with reason) or skipped',
      ),
  summary: (z: Zod) =>
    z.string().describe('One line per cluster: counts by outcome'),
};
