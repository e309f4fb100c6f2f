import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { formatBundleProblem } from '../bundle/formatBundleProblem';
import { readBundle } from '../bundle/readBundle';
import { summarizeBundle } from '../bundle/summarizeBundle';
import { validateBundle } from '../validate/validateBundle';
import { examples } from './bundleValidate.examples';

/** How many problems the error message lists before it only counts the rest. */
const maxProblemsInError = 50;

/**
 * `mesh:bundle:validate`: checks the bundle as it was written to the workspace, which is what
 * the pull request or the apply step will use, not the renderer's in-memory copy.
 */
export function createMeshBundleValidateAction() {
  return createTemplateAction({
    id: 'mesh:bundle:validate',
    description:
      'Validates every object of a mesh bundle in the workspace against its schema (unknown ' +
      'fields are errors) and the mesh rules (unique cluster names, consistent networks and ' +
      'revisions, tracing endpoints, NetworkPolicy ports); fails listing each problem.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder that holds the bundle; defaults to the workspace root.',
            ),
      },
      output: {
        valid: z => z.boolean().describe('Whether the bundle has no problems'),
        problemCount: z => z.number().describe('Number of problems found'),
        problems: z =>
          z
            .array(
              z.object({
                file: z.string(),
                subject: z.string(),
                path: z.string(),
                message: z.string(),
              }),
            )
            .describe('Every problem, with its file and field path'),
        summary: z =>
          z.string().describe('One line per cluster: objects by component'),
      },
    },
    async handler(ctx) {
      const sourceDir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const bundle = await readBundle(sourceDir);
      const problems = validateBundle(bundle);
      const summary = summarizeBundle(bundle);

      ctx.output('valid', problems.length === 0);
      ctx.output('problemCount', problems.length);
      ctx.output('problems', problems);
      ctx.output('summary', summary);

      if (problems.length === 0) {
        ctx.logger.info(
          `Bundle is valid: ${bundle.objects.length} objects\n${summary}`,
        );
        return;
      }
      const lines = problems
        .slice(0, maxProblemsInError)
        .map(formatBundleProblem);
      if (problems.length > maxProblemsInError) {
        lines.push(`… and ${problems.length - maxProblemsInError} more`);
      }
      throw new InputError(
        `Mesh bundle has ${problems.length} problem(s):\n${lines.join('\n')}`,
      );
    },
  });
}
