import { diffFiles } from './diffFiles';
import { FileChange, GitopsFile } from './gitopsFile';
import { GitopsRepository } from './gitopsRepository';
import { listProposedFiles, ProposedFolders } from './proposedFiles';

/** The wanted files compared with the base branch, and the base's text of each file they replace. */
export interface MergedChange {
  changes: FileChange[];
  previous: Map<string, string>;
}

/**
 * What the change does compared with what is merged, not with the branch's previous commit: a
 * re-run with the same output then describes the same change, and the body stays unchanged. The
 * folder's listing on `parent` is reused when the change is built on the base head.
 */
export async function readMergedChange(
  repository: GitopsRepository,
  wanted: ProposedFolders & { files: GitopsFile[] },
  at: { baseHead: string; parent: string; current: Map<string, string> },
): Promise<MergedChange> {
  const merged =
    at.parent === at.baseHead
      ? at.current
      : await listProposedFiles(repository, at.baseHead, wanted);
  const changes = diffFiles(merged, wanted.files);
  const replaced = changes.filter(c => c.action !== 'create');
  const texts = await Promise.all(
    replaced.map(c => repository.readBlob(merged.get(c.path)!)),
  );
  return {
    changes,
    previous: new Map(replaced.map((c, i) => [c.path, texts[i]])),
  };
}
