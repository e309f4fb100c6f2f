import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import path from 'node:path';
import { listTreeFiles } from './listTreeFiles';
import type { MeshBundle } from './meshBundle';

/**
 * Writes a bundle's files under `dir`. Every path is resolved inside `dir` (a `..` or absolute
 * path is refused before anything is written). Files go to a temporary sibling folder first and
 * are moved into place only once all of them are written, so a failure leaves `dir` as it was.
 *
 * @returns the written paths, relative to `dir`
 */
export async function writeBundle(
  bundle: MeshBundle,
  dir: string,
): Promise<string[]> {
  const target = path.resolve(dir);
  for (const file of bundle.files) {
    // Throws NotAllowedError for a path that escapes the target folder.
    resolveSafeChildPath(target, file.path);
    if (path.isAbsolute(file.path) || file.path.split(/[\\/]/).includes('..')) {
      throw new Error(
        `bundle file path ${file.path} must be relative and stay inside the output folder`,
      );
    }
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const staging = await fs.mkdtemp(`${target}.staging-`);
  try {
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
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
  return bundle.files.map(file => file.path);
}

/**
 * Moves the staged files into `target`: a plain rename when `target` does not exist yet, else file
 * by file, after checking that no staged path would replace a folder or pass through a symlink.
 */
async function moveIntoPlace(staging: string, target: string): Promise<void> {
  const existing = await fs.lstat(target).catch(() => undefined);
  if (!existing) {
    await fs.rename(staging, target);
    return;
  }
  if (!existing.isDirectory()) {
    throw new Error(`output path ${target} exists and is not a folder`);
  }
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
  await fs.rm(staging, { recursive: true, force: true });
}
