import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * `writeBundle` stages in a hidden folder with this prefix inside the folder it writes to, so a
 * write never creates anything outside the task workspace. Readers of a written tree skip such
 * folders: one left by a killed run must never reach a bundle, a pull request or an archive.
 */
export const STAGING_FOLDER_PREFIX = '.mesh-staging-';

/** True when a path segment names a staging folder. */
export function isStagingFolderName(segment: string): boolean {
  return segment.startsWith(STAGING_FOLDER_PREFIX);
}

/** Removes the staging folders that runs killed mid-write left directly under `dir`. */
export async function removeStaleStagingFolders(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (isStagingFolderName(entry.name)) {
      // A link named like a staging folder loses only the link, never what it points at.
      await fs.rm(path.join(dir, entry.name), { recursive: true, force: true });
    }
  }
}
