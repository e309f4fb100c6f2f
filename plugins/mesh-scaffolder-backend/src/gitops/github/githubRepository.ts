import { Octokit } from 'octokit';
import { callHost } from '../gitHostError';
import { raceChecked } from '../branchRace';
import { FileChange } from '../gitopsFile';
import {
  ChangeRequest,
  ChangeRequestContent,
  CommitChangesOptions,
  GitopsRepository,
} from '../gitopsRepository';
import { githubFolderFiles } from './githubFolderFiles';

export interface GithubRepositoryOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** Web origin for links, e.g. `https://github.com`. */
  webBaseUrl: string;
  /** The token in use, only so error messages can be redacted. */
  token?: string;
}

/**
 * No retry after a 5xx for a create the host may have made before failing: a second attempt
 * would answer 422 (the ref or pull request exists) for a write that succeeded.
 */
const sentOnce = { retries: 0 };

function isNotFound(error: unknown): boolean {
  return (error as { status?: number })?.status === 404;
}

/** A pull request as the step keeps it; the body is normalized because GitHub returns null for empty. */
function toChangeRequest(pull: {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  base: { ref: string };
}): ChangeRequest {
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? '',
    base: pull.base.ref,
  };
}

/** A tree entry of the new commit; a deletion is an entry whose `sha` is null. */
function treeEntry(change: FileChange) {
  const entry = {
    path: change.path,
    mode: '100644' as const,
    type: 'blob' as const,
  };
  return change.action === 'delete'
    ? { ...entry, sha: null }
    : { ...entry, content: change.content };
}

/**
 * GitOps operations on GitHub through the Git data API: one tree built on the parent's tree
 * (deletions as `sha: null`), one commit, one ref update — no clone, and nothing outside the
 * cluster's folder is sent.
 */
export class GithubRepository implements GitopsRepository {
  private readonly octokit: Octokit;
  private readonly repoParams: { owner: string; repo: string };
  private readonly secrets: Array<string | undefined>;

  constructor(private readonly options: GithubRepositoryOptions) {
    this.octokit = options.octokit;
    this.repoParams = { owner: options.owner, repo: options.repo };
    this.secrets = [options.token];
  }

  folderUrl(branch: string, folder: string): string {
    const { webBaseUrl, owner, repo } = this.options;
    return `${webBaseUrl.replace(
      /\/$/,
      '',
    )}/${owner}/${repo}/tree/${branch}/${folder}`;
  }

  async defaultBranch(): Promise<string> {
    const { data } = await callHost(
      'Reading the GitHub repository',
      this.secrets,
      () => this.octokit.rest.repos.get(this.repoParams),
    );
    return data.default_branch;
  }

  async branchHead(branch: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.git.getRef({
        ...this.repoParams,
        ref: `heads/${branch}`,
      });
      return data.object.sha;
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      return callHost(`Reading branch ${branch}`, this.secrets, () =>
        Promise.reject(error),
      );
    }
  }

  listFiles(commit: string, folder: string): Promise<Map<string, string>> {
    return githubFolderFiles(
      {
        octokit: this.octokit,
        repoParams: this.repoParams,
        secrets: this.secrets,
      },
      commit,
      folder,
    );
  }

  async readBlob(sha: string): Promise<string> {
    const { data } = await callHost(`Reading blob ${sha}`, this.secrets, () =>
      this.octokit.rest.git.getBlob({ ...this.repoParams, file_sha: sha }),
    );
    return Buffer.from(data.content, 'base64').toString('utf8');
  }

  async commitChanges(options: CommitChangesOptions): Promise<string> {
    const { branch, branchExists, parent, message, changes } = options;
    const { expectedHead } = options;
    const { data: parentCommit } = await callHost(
      `Reading commit ${parent}`,
      this.secrets,
      () =>
        this.octokit.rest.git.getCommit({
          ...this.repoParams,
          commit_sha: parent,
        }),
    );
    const { data: tree } = await callHost(
      'Creating the tree',
      this.secrets,
      () =>
        this.octokit.rest.git.createTree({
          ...this.repoParams,
          base_tree: parentCommit.tree.sha,
          tree: changes.map(treeEntry),
        }),
    );
    const { data: commit } = await callHost(
      'Creating the commit',
      this.secrets,
      () =>
        this.octokit.rest.git.createCommit({
          ...this.repoParams,
          message,
          tree: tree.sha,
          // A reset keeps the stale head as a second parent, so the ref update below is still a
          // fast-forward; the request's diff (against the base) is unchanged by it.
          parents:
            expectedHead && expectedHead !== parent
              ? [parent, expectedHead]
              : [parent],
        }),
    );
    // Never forced: GitHub refuses a ref update that is not a fast-forward of the current head
    // (422) and a ref that already exists, which makes both a compare-and-swap.
    await raceChecked<unknown>(branch, () =>
      branchExists
        ? this.octokit.rest.git.updateRef({
            ...this.repoParams,
            ref: `heads/${branch}`,
            sha: commit.sha,
            force: false,
          })
        : this.octokit.rest.git.createRef({
            ...this.repoParams,
            ref: `refs/heads/${branch}`,
            sha: commit.sha,
            request: sentOnce,
          }),
    );
    return commit.sha;
  }

  async findOpenChangeRequest(
    branch: string,
  ): Promise<ChangeRequest | undefined> {
    const { data } = await callHost('Listing pull requests', this.secrets, () =>
      this.octokit.rest.pulls.list({
        ...this.repoParams,
        state: 'open',
        head: `${this.options.owner}:${branch}`,
      }),
    );
    return data.length > 0 ? toChangeRequest(data[0]) : undefined;
  }

  async openChangeRequest(
    branch: string,
    base: string,
    content: ChangeRequestContent,
  ): Promise<ChangeRequest> {
    const { data: pull } = await callHost(
      'Opening the pull request',
      this.secrets,
      () =>
        this.octokit.rest.pulls.create({
          ...this.repoParams,
          head: branch,
          base,
          title: content.title,
          body: content.body,
          draft: content.draft,
          request: sentOnce,
        }),
    );
    return toChangeRequest(pull);
  }

  async updateChangeRequest(
    request: ChangeRequest,
    content: ChangeRequestContent,
  ): Promise<ChangeRequest> {
    const { data: pull } = await callHost(
      `Updating pull request #${request.number}`,
      this.secrets,
      () =>
        this.octokit.rest.pulls.update({
          ...this.repoParams,
          pull_number: request.number,
          title: content.title,
          body: content.body,
        }),
    );
    return toChangeRequest(pull);
  }

  /** Labels, assignees and reviewers are additive on GitHub, so repeating them is harmless. */
  async decorateChangeRequest(
    request: ChangeRequest,
    content: ChangeRequestContent,
  ): Promise<void> {
    const number = request.number;
    if (content.labels.length > 0) {
      await callHost(`Labelling pull request #${number}`, this.secrets, () =>
        this.octokit.rest.issues.addLabels({
          ...this.repoParams,
          issue_number: number,
          labels: content.labels,
        }),
      );
    }
    if (content.assignees.length > 0) {
      await callHost(`Assigning pull request #${number}`, this.secrets, () =>
        this.octokit.rest.issues.addAssignees({
          ...this.repoParams,
          issue_number: number,
          assignees: content.assignees,
        }),
      );
    }
    if (content.reviewers.length > 0) {
      await callHost(
        `Requesting reviewers on pull request #${number}`,
        this.secrets,
        () =>
          this.octokit.rest.pulls.requestReviewers({
            ...this.repoParams,
            pull_number: number,
            reviewers: content.reviewers,
          }),
      );
    }
  }
}
