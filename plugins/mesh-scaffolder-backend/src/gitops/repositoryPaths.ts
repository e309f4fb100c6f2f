import { InputError } from '@backstage/errors';
import path from 'node:path';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The folder every cluster's tree lies under unless the action is configured otherwise. */
export const DEFAULT_TARGET_ROOT = 'clusters';

/**
 * Checks the repository folder a cluster's files go to. An empty path or `..` would let the
 * "delete what the bundle no longer has" rule reach other clusters' files, so both are refused.
 */
export function checkTargetPath(
  targetPath: string,
  field = 'targetPath',
): string {
  const trimmed = targetPath.replace(/^\/+|\/+$/g, '');
  const segments = trimmed.split('/');
  if (
    trimmed === '' ||
    targetPath.includes('\\') ||
    segments.some(s => s === '' || s === '.' || s === '..')
  ) {
    throw new InputError(
      `${field} must be a relative folder inside the repository such as clusters/east-1 ` +
        `(no empty, "." or ".." segments, no backslashes); got ${JSON.stringify(
          targetPath,
        )}`,
    );
  }
  return trimmed;
}

/**
 * Checks that a cluster's folder lies strictly under the configured root (`clusters/` by
 * default): the root itself holds every cluster's tree, and a folder elsewhere (`.github/workflows`)
 * is not the mesh's to write or delete in.
 */
export function checkTargetPathUnderRoot(
  targetPath: string,
  root = DEFAULT_TARGET_ROOT,
  field = 'targetPath',
): string {
  const checked = checkTargetPath(targetPath, field);
  const base = checkTargetPath(root, 'target root');
  if (!checked.startsWith(`${base}/`)) {
    throw new InputError(
      `${field} must be a folder under ${base}/ (such as ${base}/east-1), not ${base}/ itself nor a folder outside it; got ${JSON.stringify(
        targetPath,
      )}`,
    );
  }
  return checked;
}

/**
 * Refuses a target folder that holds another cluster's tree (a `catalog-info.yaml` below its own
 * level): the run deletes what the bundle does not have, and that tree would be deleted.
 */
export function checkNoNestedTree(
  targetPath: string,
  currentFiles: Iterable<string>,
  field = 'targetPath',
): void {
  for (const file of currentFiles) {
    const rest = file.slice(targetPath.length + 1);
    if (
      rest.includes('/') &&
      path.posix.basename(rest) === 'catalog-info.yaml'
    ) {
      throw new InputError(
        `${field} ${targetPath} holds another cluster's tree (${file}); pick the cluster's own folder`,
      );
    }
  }
}

/** Checks a cluster name; it becomes part of the branch name and the catalog entity name. */
export function checkClusterName(cluster: string, field = 'cluster'): string {
  if (!dnsLabel.test(cluster) || cluster.length > 63) {
    throw new InputError(
      `${field} must be a DNS-1123 label (lower-case letters, digits and "-", at most 63 characters); ` +
        `got ${JSON.stringify(cluster)}`,
    );
  }
  return cluster;
}

/** The one branch each cluster's changes live on, so re-runs find and update it. */
export function clusterBranchName(cluster: string): string {
  return `mesh/${cluster}`;
}

/**
 * The one branch a mesh-wide change lives on. A prefix apart from `mesh/` keeps a mesh whose ID
 * equals a cluster's name from sharing that cluster's branch.
 */
export function meshBranchName(meshId: string): string {
  return `meshes/${meshId}`;
}

/** Joins repository path segments with POSIX separators. */
export function joinRepositoryPath(...segments: string[]): string {
  return path.posix.join(...segments);
}
