import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { summarizeBundle } from '../bundle/summarizeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { writeBundle } from '../bundle/writeBundle';
import { examples } from './bundleRender.examples';
import { parseSpecInput } from './parseSpecInput';
import { specInputDescription } from './specInputDescription';

/**
 * `mesh:bundle:render`: MeshClusterSpec → the mesh bundle's files in the task workspace.
 * Rendering touches nothing outside the workspace, so it runs in the template editor's dry-run
 * too; that is how the editor shows the rendered files.
 */
export function createMeshBundleRenderAction() {
  return createTemplateAction({
    id: 'mesh:bundle:render',
    description:
      'Renders an Istio mesh bundle (Helm values or IstioOperator, gateways, observability, ' +
      'policy and GitOps wiring, one tree per cluster) from a MeshClusterSpec into the workspace.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        spec: z =>
          z.record(z.string(), z.unknown()).describe(specInputDescription),
        outputPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder to write the bundle into; defaults to the workspace root.',
            ),
      },
      output: {
        clusters: z =>
          z.array(z.string()).describe('Clusters the bundle has a tree for'),
        files: z =>
          z
            .array(z.string())
            .describe('Every written file, relative to outputPath'),
        objectCount: z =>
          z.number().describe('Number of Kubernetes objects in the bundle'),
        index: z =>
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
        summary: z =>
          z.string().describe('One line per cluster: objects by component'),
      },
    },
    async handler(ctx) {
      const spec = parseSpecInput(ctx.input.spec);
      const outputDir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.outputPath ?? '.',
      );

      const bundle = renderMeshBundle(spec);
      await writeBundle(bundle, outputDir);

      const summary = summarizeBundle(bundle);
      ctx.logger.info(
        `Rendered Istio ${spec.istio.version} (${spec.istio.installMethod}) bundle, ${bundle.files.length} files:\n${summary}`,
      );
      ctx.output('clusters', bundle.clusters);
      ctx.output(
        'files',
        bundle.files.map(f => f.path),
      );
      ctx.output('objectCount', bundle.objects.length);
      ctx.output('index', bundle.index);
      ctx.output('summary', summary);
    },
  });
}
