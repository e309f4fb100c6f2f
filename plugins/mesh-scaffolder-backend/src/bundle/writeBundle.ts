import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import path from 'node:path';
import { listTreeFiles } from './listTreeFiles';
import type { MeshBundle } from './meshBundle';
import {
  STAGING_FOLDER_PREFIX,
  isStagingFolderName,
  removeStaleStagingFolders,
} from './stagingFolder';

/**
 * Writes a bundle's files under `dir`. Every path is resolved inside `dir` (a `..` or absolute
 * path is refused before anything is written). Files go to a hidden staging folder inside `dir`
 * first, so nothing is ever created beside it (`dir` is often the task workspace root), and are
 * moved into place only once all of them are written: a failure leaves `dir` as it was and
 * removes the staging folder, and any folder it had to create for `dir`. Staging folders left
 * by a killed run are removed first. One folder takes one writer at a time.
 *
 * @returns the written paths, relative to `dir`
 */
export async function writeBundle(
  bundle: MeshBundle,
  dir: string,
): Promise<string[]> {
  const target = path.resolve(dir);
  assertPathsStayInside(bundle, target);
  await assertFolderOrAbsent(target);
  const firstCreated = await fs.mkdir(target, { recursive: true });
  let staging: string | undefined;
  try {
    await removeStaleStagingFolders(target);
    staging = await fs.mkdtemp(path.join(target, STAGING_FOLDER_PREFIX));
    for (const file of bundle.files) {
      const destination = resolveSafeChildPath(staging, file.path);
      await fs.mkdir(path.dirname(destination), { recursive: true });
      await fs.writeFile(destination, file.content, {
        encoding: 'utf8',
        flag: 'wx',
      });
    }
    await moveIntoPlace(staging, target);
  } catch (error) {
    if (firstCreated) {
      await fs.rm(firstCreated, { recursive: true, force: true });
    }
    throw error;
  } finally {
    if (staging) await fs.rm(staging, { recursive: true, force: true });
  }
  return bundle.files.map(file => file.path);
}

function assertPathsStayInside(bundle: MeshBundle, target: string): void {
  for (const file of bundle.files) {
    // Throws NotAllowedError for a path that escapes the target folder.
    resolveSafeChildPath(target, file.path);
    const segments = file.path.split(/[\\/]/);
    if (path.isAbsolute(file.path) || segments.includes('..')) {
      throw new Error(
        `bundle file path ${file.path} must be relative and stay inside the output folder`,
      );
    }
    // Readers skip staging folders, so such a file would be written yet never read back.
    if (segments.some(isStagingFolderName)) {
      throw new Error(
        `bundle file path ${file.path} names a staging folder (${STAGING_FOLDER_PREFIX}*)`,
      );
    }
  }
}

async function assertFolderOrAbsent(target: string): Promise<void> {
  const existing = await fs.lstat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new Error(`output path ${target} exists and is not a folder`);
  }
}

/**
 * Moves the staged files into `target` file by file, after checking that no staged path would
 * replace a folder or pass through a symlink.
 */
async function moveIntoPlace(staging: string, target: string): Promise<void> {
  const staged = await listTreeFiles(staging);
  for (const relative of staged) {
    const destination = resolveSafeChildPath(target, relative);
    const stat = await fs.lstat(destination).catch(() => undefined);
    if (stat && !stat.isFile()) {
      throw new Error(
        `cannot write ${relative}: a folder or link is in the way`,
      );
    }
  }
  for (const relative of staged) {
    const destination = resolveSafeChildPath(target, relative);
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.rename(path.join(staging, relative), destination);
  }
}
