import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { summarizeBundle } from '../bundle/summarizeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { writeBundle } from '../bundle/writeBundle';
import { examples } from './bundleRender.examples';
import { keepRunBundle } from './bundleRenderKeepRun';
import { bundleRenderOutputSchema } from './bundleRenderOutputSchema';
import {
  assertNoCredentials,
  specDocumentFileOf,
  specDocumentOf,
  undeliveredNextSteps,
} from './bundleRenderRunOutput';
import type { RunBundleStore } from './bundleRenderRunStore';
import { parseSpecInput } from './parseSpecInput';
import { specInputDescription } from './specInputDescription';
import {
  previousSpecInput,
  whatChangesFromPrevious,
} from './bundleRenderWhatChanges';

/**
 * `mesh:bundle:render`: MeshClusterSpec → the mesh bundle's files in the task workspace.
 * Rendering touches nothing outside the workspace, so it runs in the template editor's dry-run
 * too; that is how the editor shows the rendered files. With a `runStore`, a real run also hands
 * its bundle to the mesh backend, so the task page can link to the files after the workspace is gone.
 */
export function createMeshBundleRenderAction(
  options: { runStore?: RunBundleStore } = {},
) {
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
        previousSpec: previousSpecInput,
      },
      output: bundleRenderOutputSchema,
    },
    async handler(ctx) {
      const spec = parseSpecInput(ctx.input.spec);
      const outputDir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.outputPath ?? '.',
      );

      const bundle = renderMeshBundle(spec);
      assertNoCredentials(bundle);
      await writeBundle(bundle, outputDir);

      const summary = summarizeBundle(bundle);
      ctx.logger.info(
        `Rendered Istio ${spec.istio.version} (${spec.istio.installMethod}) bundle, ${bundle.files.length} files for ${bundle.clusters.length} cluster(s)`,
      );
      // One line per cluster, so a mesh of many clusters reads as progress in the task log.
      for (const line of summary.split('\n'))
        ctx.logger.info(`Cluster ${line}`);
      const runPath = await keepRunBundle(ctx, bundle, options.runStore);
      const specDocument = specDocumentOf(spec);
      ctx.output('clusters', bundle.clusters);
      ctx.output(
        'files',
        bundle.files.map(f => f.path),
      );
      ctx.output('objectCount', bundle.objects.length);
      ctx.output('index', bundle.index);
      ctx.output('summary', summary);
      if (runPath) {
        ctx.output('runUrl', runPath);
        ctx.output('downloadUrl', `${runPath}?download=bundle`);
      }
      ctx.output('specDocument', specDocument);
      if (ctx.input.previousSpec) {
        const previous = parseSpecInput(ctx.input.previousSpec);
        ctx.output(
          'whatChanges',
          whatChangesFromPrevious(previous, spec, bundle),
        );
      }
      ctx.output(
        'nextSteps',
        undeliveredNextSteps({
          specDocumentFile: specDocumentFileOf(bundle),
          runPath,
        }),
      );
    },
  });
}
