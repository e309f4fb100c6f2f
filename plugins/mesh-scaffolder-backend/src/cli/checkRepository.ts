import { MESH_CLUSTER_DOCUMENT_FILE } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { listTreeFiles } from '../bundle/listTreeFiles';
import { catalogInfoFileName } from '../gitops/catalogInfo';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { readSpecFile } from './readSpecFile';

/** Folders no cluster tree lives in; walking them would only cost time. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/** Files a cluster folder holds that render does not write: the pull request adds them. */
const ADDED_BY_PULL_REQUEST = new Set([catalogInfoFileName]);

/** What `mesh-bundle check` found: one line per differing, missing or extra file or bad spec. */
export interface RepositoryCheck {
  folders: string[];
  differences: string[];
}

/** The folders (relative, `/`-separated, sorted) holding a spec document. */
async function specFolders(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter(e => e.isFile() && e.name === MESH_CLUSTER_DOCUMENT_FILE)
    .map(e => path.relative(root, e.parentPath).split(path.sep).join('/'))
    .filter(dir => !dir.split('/').some(s => SKIPPED_FOLDERS.has(s)))
    .sort();
}

/** Every file of a folder, nested spec folders (other clusters) left to their own check. */
async function folderFiles(
  root: string,
  folder: string,
  allFolders: string[],
): Promise<string[]> {
  const nested = allFolders.filter(f => f.startsWith(`${folder}/`));
  const files = await listTreeFiles(path.join(root, folder));
  return files
    .map(f => `${folder}/${f}`)
    .filter(f => !nested.some(n => f.startsWith(`${n}/`)))
    .filter(f => !ADDED_BY_PULL_REQUEST.has(f.slice(folder.length + 1)));
}

async function checkFolder(
  root: string,
  folder: string,
  allFolders: string[],
): Promise<string[]> {
  if (folder === '') {
    return [
      `${MESH_CLUSTER_DOCUMENT_FILE}: a spec document belongs in its cluster folder (gitops.targetPath), not at the repository root`,
    ];
  }
  const documentPath = `${folder}/${MESH_CLUSTER_DOCUMENT_FILE}`;
  const read = await readSpecFile(path.join(root, documentPath));
  if (read.problems) {
    return read.problems.map(p =>
      p.replace(path.join(root, documentPath), documentPath),
    );
  }
  let rendered;
  try {
    rendered = renderMeshBundle(read.spec).files;
  } catch (error) {
    return [`${documentPath}: cannot render: ${(error as Error).message}`];
  }
  const expected = new Map(
    rendered
      .filter(f => f.path.startsWith(`${folder}/`))
      .map(f => [f.path, f.content]),
  );
  if (!expected.has(documentPath)) {
    return [
      `${documentPath}: its spec renders no cluster folder at ${folder} (gitops.targetPath)`,
    ];
  }
  const actual = await folderFiles(root, folder, allFolders);
  const lines: string[] = [];
  for (const file of [...new Set([...expected.keys(), ...actual])].sort()) {
    const want = expected.get(file);
    if (want === undefined) {
      lines.push(`${file}: extra (the spec does not render it)`);
    } else if (!actual.includes(file)) {
      lines.push(`${file}: missing (the spec renders it)`);
    } else if ((await fs.readFile(path.join(root, file), 'utf8')) !== want) {
      lines.push(`${file}: differs from what the spec renders`);
    }
  }
  return lines;
}

/**
 * Re-renders every cluster folder of a GitOps repository from the spec document it holds and
 * compares it with what is committed: a hand edit, a stale render or a renderer upgrade that
 * would change output all show up as a file that differs, is missing or is extra.
 */
export async function checkRepository(root: string): Promise<RepositoryCheck> {
  const folders = await specFolders(root);
  const differences: string[] = [];
  for (const folder of folders) {
    differences.push(...(await checkFolder(root, folder, folders)));
  }
  return { folders, differences };
}
