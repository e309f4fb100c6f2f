import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { MeshRunFile } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';

/**
 * A .tar.gz of a run's files at their bundle paths. `tar` packs from disk, so the files are laid
 * out in a private temporary folder, removed once the archive is built. Entries carry the run's
 * time and no owner, so the same run always gives the same archive. Bundles are size-bounded
 * (`mesh.runs.maxBundleBytes`), so the archive is built in memory and sent with its length.
 */
export async function createRunArchive(
  files: MeshRunFile[],
  mtime: Date,
): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mesh-run-'));
  const cleanUp = () => fs.rm(dir, { recursive: true, force: true });
  try {
    for (const file of files) {
      // Paths were checked on upload; resolving again keeps a bad row from escaping the folder.
      const target = resolveSafeChildPath(dir, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.content, 'utf8');
    }
    const archive = tar.create(
      { gzip: true, cwd: dir, portable: true, mtime, noDirRecurse: true },
      files.map(f => f.path),
    );
    return await archive.concat();
  } finally {
    await cleanUp();
  }
}
