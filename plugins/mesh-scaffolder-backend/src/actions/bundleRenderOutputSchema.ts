import type { z as zodV3 } from 'zod/v3';

// The schema builder scaffolder-node hands each field (its zod, the v3 API).
type Zod = typeof zodV3;

/** What `mesh:bundle:render` outputs, each described for the template editor and the task page. */
export const bundleRenderOutputSchema = {
  clusters: (z: Zod) =>
    z.array(z.string()).describe('Clusters the bundle has a tree for'),
  files: (z: Zod) =>
    z.array(z.string()).describe('Every written file, relative to outputPath'),
  objectCount: (z: Zod) =>
    z.number().describe('Number of Kubernetes objects in the bundle'),
  index: (z: Zod) =>
    z
      .array(
        z.object({
          cluster: z.string(),
          component: z.string(),
          file: z.string(),
          apiVersion: z.string(),
          kind: z.string(),
          name: z.string(),
          namespace: z.string().optional(),
        }),
      )
      .describe('The bundle index: one row per object'),
  summary: (z: Zod) =>
    z.string().describe('One line per cluster: objects by component'),
  runUrl: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        "App path of the page listing this run's rendered files; absent in a dry-run or when the bundle could not be kept",
      ),
  downloadUrl: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'App path that downloads the bundle as .tar.gz; absent when runUrl is',
      ),
  specDocument: (z: Zod) =>
    z
      .string()
      .describe(
        'The spec with every default written out, as YAML: `mesh-bundle render --spec` reads it',
      ),
  nextSteps: (z: Zod) =>
    z
      .string()
      .describe(
        "Markdown for a run without pull request or apply: download, re-run with a pull request, or the CLI command on the bundle's spec document (clusters/<cluster>/mesh-cluster.yaml)",
      ),
  whatChanges: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'Markdown "What changes" from previousSpec to this spec (spec fields, objects, Helm values, impact); absent without previousSpec',
      ),
};
