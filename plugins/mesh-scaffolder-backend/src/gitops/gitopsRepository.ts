import { FileChange } from './gitopsFile';

/** An open pull request (GitHub) or merge request (GitLab). */
export type ChangeRequest = {
  /** PR number or MR iid. */
  number: number;
  url: string;
  title: string;
  body: string;
  /** The branch the request targets. */
  base: string;
};

export interface ChangeRequestContent {
  title: string;
  body: string;
  draft: boolean;
  labels: string[];
  reviewers: string[];
  assignees: string[];
}

/** What {@link GitopsRepository.commitChanges} is asked to commit, and where. */
export interface CommitChangesOptions {
  branch: string;
  branchExists: boolean;
  parent: string;
  /**
   * The branch's head as this run observed it: the branch is only moved if it still points
   * there (compare-and-swap), so two runs never mix their commits.
   */
  expectedHead?: string;
  reset: boolean;
  message: string;
  changes: FileChange[];
}

/**
 * The operations the GitOps step needs from a Git host, so the create/update/unchanged logic is
 * written once for GitHub and GitLab. Reads are cheap and repeatable; each write is one remote
 * side effect that the caller wraps in a checkpoint.
 */
export interface GitopsRepository {
  /** Web URL of a folder on a branch; shown when there is nothing to propose. */
  folderUrl(branch: string, folder: string): string;
  defaultBranch(): Promise<string>;
  /** Commit id at the tip of a branch, or undefined when the branch does not exist. */
  branchHead(branch: string): Promise<string | undefined>;
  /** Every file under `folder` at a commit, as repository path → Git blob id. */
  listFiles(commit: string, folder: string): Promise<Map<string, string>>;
  /** The UTF-8 text of a blob listed by {@link GitopsRepository.listFiles}. */
  readBlob(sha: string): Promise<string>;
  /**
   * Commits the changes on top of `parent` and points `branch` at the result. `reset` moves an
   * existing branch even when that is not a fast-forward (used when no request is open on it).
   */
  commitChanges(options: CommitChangesOptions): Promise<string>;
  /** The open request from `branch`, whatever branch it targets. */
  findOpenChangeRequest(branch: string): Promise<ChangeRequest | undefined>;
  openChangeRequest(
    branch: string,
    base: string,
    content: ChangeRequestContent,
  ): Promise<ChangeRequest>;
  updateChangeRequest(
    request: ChangeRequest,
    content: ChangeRequestContent,
  ): Promise<ChangeRequest>;
  /** Adds labels, assignees and reviewers where the host needs separate calls for them. */
  decorateChangeRequest(
    request: ChangeRequest,
    content: ChangeRequestContent,
  ): Promise<void>;
}
