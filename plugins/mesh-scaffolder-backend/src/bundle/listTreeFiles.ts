import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isStagingFolderName } from './stagingFolder';

export interface ListTreeFilesOptions {
  /** Refuse a tree with more files than this: the folder is then not what the caller expects. */
  maxFiles?: number;
}

/**
 * Every regular file under `root`, as paths relative to `root` with POSIX separators, sorted.
 * Symbolic links are refused rather than followed or skipped: a bundle is plain files, and a
 * link could make a reader (or a pull request) pick up a file outside the folder. Files in a
 * `writeBundle` staging folder are left out: a killed write may have left one half full.
 *
 * @throws InputError naming the link, or the file count when `maxFiles` is exceeded
 */
export async function listTreeFiles(
  root: string,
  options: ListTreeFilesOptions = {},
): Promise<string[]> {
  const entries = await fs.readdir(root, {
    recursive: true,
    withFileTypes: true,
  });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = path
      .relative(root, path.join(entry.parentPath, entry.name))
      .split(path.sep)
      .join('/');
    if (relative.split('/').some(isStagingFolderName)) continue;
    if (entry.isSymbolicLink()) {
      throw new InputError(
        `${relative} is a symbolic link; a bundle holds plain files only`,
      );
    }
    if (!entry.isFile()) continue;
    files.push(relative);
    if (options.maxFiles !== undefined && files.length > options.maxFiles) {
      throw new InputError(
        `${root} holds more than ${options.maxFiles} files; it is not a rendered bundle folder`,
      );
    }
  }
  return files.sort();
}
