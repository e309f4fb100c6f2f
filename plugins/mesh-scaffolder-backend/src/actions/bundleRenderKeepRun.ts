import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { MeshBundle } from '../bundle/meshBundle';
import { runPagePath } from './bundleRenderRunOutput';
import type { RunBundleStore } from './bundleRenderRunStore';

/**
 * Hands a real run's bundle to the run store and returns the app path of its page. A dry-run keeps
 * nothing (the template editor shows the files itself). A store that fails costs the links, not
 * the run: the files are in the workspace for the steps that follow, and the log says why.
 */
export async function keepRunBundle(
  ctx: Pick<ActionContext<any, any>, 'task' | 'user' | 'isDryRun' | 'logger'>,
  bundle: MeshBundle,
  store: RunBundleStore | undefined,
): Promise<string | undefined> {
  if (!store || ctx.isDryRun) return undefined;
  try {
    await store.store({
      taskId: ctx.task.id,
      createdBy: ctx.user?.ref,
      clusters: bundle.clusters,
      files: bundle.files.map(f => ({ path: f.path, content: f.content })),
    });
  } catch (error) {
    ctx.logger.warn(
      `The bundle could not be kept for the task page: ${
        (error as Error).message
      }`,
    );
    return undefined;
  }
  const path = runPagePath(ctx.task.id);
  ctx.logger.info(`Kept the bundle for the task page: ${path}`);
  return path;
}
