import { InputError } from '@backstage/errors';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';
import { clusterTreeDir, isInTree } from '../bundle/clusterTreeDir';
import type { MeshBundle } from '../bundle/meshBundle';
import { GitopsFile } from './gitopsFile';
import { checkTargetPath } from './repositoryPaths';

/**
 * The files of one cluster's tree in a bundle read by `readBundle`, with paths relative to the
 * tree, sorted. `clusterPath`, when given, must be where the bundle index places the tree: a
 * pull request built from any other folder would not match the index it is described by.
 */
export function clusterTreeFiles(
  bundle: MeshBundle,
  cluster: string,
  clusterPath?: string,
): GitopsFile[] {
  const tree = clusterTreeDir(bundle, cluster);
  if (
    clusterPath !== undefined &&
    checkTargetPath(clusterPath, 'clusterPath') !== tree
  ) {
    throw new InputError(
      `clusterPath: the bundle index places cluster "${cluster}" at ${JSON.stringify(
        tree,
      )}, not ${JSON.stringify(clusterPath)}; leave clusterPath out`,
    );
  }
  const files = bundle.files
    .filter(f => isInTree(tree, f.path) && f.path !== BUNDLE_INDEX_FILE)
    .map(f => ({
      path: tree === '' ? f.path : f.path.slice(tree.length + 1),
      content: f.content,
    }));
  if (files.length === 0) {
    throw new InputError(
      `sourcePath: the bundle has no files for cluster "${cluster}" (run mesh:bundle:render first)`,
    );
  }
  return files;
}
