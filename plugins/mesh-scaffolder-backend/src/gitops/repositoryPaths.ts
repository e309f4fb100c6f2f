import { InputError } from '@backstage/errors';
import path from 'node:path';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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

/** Joins repository path segments with POSIX separators. */
export function joinRepositoryPath(...segments: string[]): string {
  return path.posix.join(...segments);
}
