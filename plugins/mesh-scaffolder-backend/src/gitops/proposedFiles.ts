import { DeletedObject, deletedObjects } from './deletedObjects';
import { FileChange, GitopsFile } from './gitopsFile';
import { GitopsRepository } from './gitopsRepository';
import { checkNoNestedTree } from './repositoryPaths';

/** Where a change writes: one cluster's folder, or every member folder of a mesh-wide change. */
export interface ProposedFolders {
  targetPath: string;
  /** Every folder the change owns; only `targetPath` when absent. */
  folders?: string[];
}

/**
 * Every file under the folders a change owns at a commit, as repository path → blob id. Files
 * outside them are never listed, so nothing outside them is ever deleted; a folder that holds
 * another cluster's tree is refused (see checkNoNestedTree).
 */
export async function listProposedFiles(
  repository: GitopsRepository,
  commit: string,
  change: ProposedFolders,
): Promise<Map<string, string>> {
  const folders = change.folders ?? [change.targetPath];
  const listings = await Promise.all(
    folders.map(folder => repository.listFiles(commit, folder)),
  );
  const files = new Map<string, string>();
  listings.forEach((listing, i) => {
    checkNoNestedTree(folders[i], listing.keys());
    for (const [path, sha] of listing) files.set(path, sha);
  });
  return files;
}

/**
 * The destructive objects the change removes, compared folder by folder: a Namespace a removed
 * member loses is deleted there even though every other member keeps one of the same name.
 */
export async function deletedObjectsInFolders(
  change: ProposedFolders & { files: GitopsFile[] },
  changes: FileChange[],
  readPrevious: (path: string) => Promise<string>,
): Promise<DeletedObject[]> {
  const perFolder = await Promise.all(
    (change.folders ?? [change.targetPath]).map(folder => {
      const inFolder = (path: string) => path.startsWith(`${folder}/`);
      return deletedObjects(
        changes.filter(c => inFolder(c.path)),
        change.files.filter(f => inFolder(f.path)),
        readPrevious,
      );
    }),
  );
  return perFolder.flat();
}
