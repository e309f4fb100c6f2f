import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { GitopsFile } from './gitopsFile';

/** A cluster tree is a few dozen files; thousands means the folder is not a bundle tree. */
const maxFiles = 2000;

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Finds the folder of one cluster inside the bundle: an explicit `clusterPath`, else the tree at
 * the repository target path (the renderer lays the bundle out as the repository will hold it),
 * else a plain `clusters/<cluster>` tree.
 */
export async function findClusterDirectory(options: {
  bundleDir: string;
  cluster: string;
  targetPath: string;
  clusterPath?: string;
}): Promise<string> {
  const { bundleDir, cluster, targetPath, clusterPath } = options;
  const candidates = clusterPath
    ? [clusterPath]
    : [...new Set([targetPath, `clusters/${cluster}`])];
  for (const candidate of candidates) {
    const dir = resolveSafeChildPath(bundleDir, candidate);
    if (await isDirectory(dir)) {
      return dir;
    }
  }
  throw new InputError(
    `${
      clusterPath ? 'clusterPath' : 'sourcePath'
    }: no bundle tree for cluster "${cluster}" ` +
      `in the workspace; looked for ${candidates
        .map(c => JSON.stringify(c))
        .join(' and ')} ` +
      `under the source folder (run mesh:bundle:render first, or set clusterPath)`,
  );
}

/**
 * Reads every file of a cluster tree as text, with paths relative to the tree and POSIX
 * separators, sorted so the commit and the PR body list them in a stable order. Symbolic links
 * are refused: a link could point outside the workspace.
 */
export async function readClusterFiles(
  clusterDir: string,
): Promise<GitopsFile[]> {
  const entries = await fs.readdir(clusterDir, {
    recursive: true,
    withFileTypes: true,
  });
  const files: GitopsFile[] = [];
  for (const entry of entries) {
    const absolute = path.join(entry.parentPath, entry.name);
    const relative = path
      .relative(clusterDir, absolute)
      .split(path.sep)
      .join('/');
    if (entry.isSymbolicLink()) {
      throw new InputError(
        `Bundle file ${relative} is a symbolic link; bundles hold plain files only`,
      );
    }
    if (!entry.isFile()) {
      continue;
    }
    if (files.length >= maxFiles) {
      throw new InputError(
        `The cluster tree has more than ${maxFiles} files; sourcePath/clusterPath must point at a rendered bundle`,
      );
    }
    files.push({
      path: relative,
      content: await fs.readFile(absolute, 'utf8'),
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path)));
}
