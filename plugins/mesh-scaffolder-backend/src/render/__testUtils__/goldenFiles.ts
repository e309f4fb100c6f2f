import fs from 'node:fs';
import path from 'node:path';
import { listTreeFiles } from '../../bundle/listTreeFiles';

/** `UPDATE_GOLDEN=1` rewrites the golden folders from what is rendered now. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/**
 * The golden folder's files (relative path → content) to compare `rendered` with. With
 * `UPDATE_GOLDEN=1` the folder is first rewritten from `rendered`.
 */
export async function readGoldenFolder(
  rendered: Map<string, string>,
  goldenRoot: string,
): Promise<Map<string, string>> {
  if (UPDATE) {
    fs.rmSync(goldenRoot, { recursive: true, force: true });
    for (const [file, content] of rendered) {
      fs.mkdirSync(path.dirname(path.join(goldenRoot, file)), {
        recursive: true,
      });
      fs.writeFileSync(path.join(goldenRoot, file), content);
    }
  }
  const golden = new Map<string, string>();
  for (const file of await listTreeFiles(goldenRoot)) {
    golden.set(file, fs.readFileSync(path.join(goldenRoot, file), 'utf8'));
  }
  return golden;
}
