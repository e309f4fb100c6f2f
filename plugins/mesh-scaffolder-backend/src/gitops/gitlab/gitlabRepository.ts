import { InputError } from '@backstage/errors';
import { Gitlab } from '@gitbeaker/rest';
import { raceChecked } from '../branchRace';
import { callHost } from '../gitHostError';
import {
  ChangeRequest,
  ChangeRequestContent,
  CommitChangesOptions,
  GitopsRepository,
} from '../gitopsRepository';

export interface GitlabRepositoryOptions {
  api: InstanceType<typeof Gitlab>;
  /** Project path (`group/sub/repo`) or numeric id. */
  project: string;
  /** Web origin for links, e.g. `https://gitlab.com`. */
  webBaseUrl: string;
  /** The token in use, only so error messages can be redacted. */
  token?: string;
}

/** GitLab marks a merge request as draft by its title. */
const draftPrefix = 'Draft: ';

function statusOf(error: unknown): number | undefined {
  const e = error as { cause?: { response?: { status?: number } } };
  return e?.cause?.response?.status;
}

function toChangeRequest(mr: {
  iid: number;
  web_url: string;
  title: string;
  description?: string | null;
  target_branch: string;
}): ChangeRequest {
  return {
    base: mr.target_branch,
    number: mr.iid,
    url: mr.web_url,
    title: mr.title.replace(/^Draft: /, ''),
    body: mr.description ?? '',
  };
}

/**
 * GitOps operations on GitLab: one commit through the Commits API carrying create/update/delete
 * actions (it builds the tree and moves the branch in one call), and merge requests. Unlike
 * Backstage's `publish:gitlab:merge-request`, an existing branch is reused, not an error.
 */
export class GitlabRepository implements GitopsRepository {
  private readonly api: InstanceType<typeof Gitlab>;
  private readonly secrets: Array<string | undefined>;

  constructor(private readonly options: GitlabRepositoryOptions) {
    this.api = options.api;
    this.secrets = [options.token];
  }

  folderUrl(branch: string, folder: string): string {
    return `${this.options.webBaseUrl.replace(/\/$/, '')}/${
      this.options.project
    }/-/tree/${branch}/${folder}`;
  }

  async defaultBranch(): Promise<string> {
    const project = await callHost(
      'Reading the GitLab project',
      this.secrets,
      () => this.api.Projects.show(this.options.project),
    );
    return project.default_branch as string;
  }

  async branchHead(branch: string): Promise<string | undefined> {
    try {
      const found = await this.api.Branches.show(this.options.project, branch);
      return found.commit.id as string;
    } catch (error) {
      if (statusOf(error) === 404) {
        return undefined;
      }
      return callHost(`Reading branch ${branch}`, this.secrets, () =>
        Promise.reject(error),
      );
    }
  }

  async readBlob(sha: string): Promise<string> {
    const blob = await callHost(`Reading blob ${sha}`, this.secrets, () =>
      this.api.Repositories.showBlob(this.options.project, sha),
    );
    return Buffer.from(blob.content, 'base64').toString('utf8');
  }

  async listFiles(
    commit: string,
    folder: string,
  ): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    let entries: Array<{ id: string; type: string; path: string }>;
    try {
      entries = await this.api.Repositories.allRepositoryTrees(
        this.options.project,
        {
          path: folder,
          ref: commit,
          recursive: true,
          perPage: 100,
        },
      );
    } catch (error) {
      // GitLab answers 404 "Tree Not Found" for a folder that does not exist yet.
      if (statusOf(error) === 404) {
        return files;
      }
      return callHost(`Listing ${folder}`, this.secrets, () =>
        Promise.reject(error),
      );
    }
    for (const entry of entries) {
      if (entry.type === 'blob') {
        files.set(entry.path, entry.id);
      }
    }
    return files;
  }

  async commitChanges(options: CommitChangesOptions): Promise<string> {
    const { branch, branchExists, parent, reset, message, changes } = options;
    // GitLab refuses an update or delete of a file changed after this head (400), and starting a
    // branch that exists without force: together the compare-and-swap of the GitHub side.
    const read = options.expectedHead
      ? { lastCommitId: options.expectedHead }
      : {};
    // Onto the branch tip: no start; a new or reset branch starts at the exact parent commit.
    const onTip = branchExists && !reset;
    const commit = await raceChecked(branch, () =>
      callHost('Creating the commit', this.secrets, () =>
        this.api.Commits.create(
          this.options.project,
          branch,
          message,
          changes.map(change =>
            change.action === 'delete'
              ? { action: 'delete' as const, filePath: change.path, ...read }
              : {
                  action: change.action,
                  filePath: change.path,
                  content: change.content,
                  encoding: 'text',
                  ...(change.action === 'update' ? read : {}),
                },
          ),
          onTip
            ? {}
            : { startSha: parent, ...(branchExists ? { force: true } : {}) },
        ),
      ),
    );
    return commit.id as string;
  }

  async findOpenChangeRequest(
    branch: string,
  ): Promise<ChangeRequest | undefined> {
    const found = await callHost('Listing merge requests', this.secrets, () =>
      this.api.MergeRequests.all({
        projectId: this.options.project,
        sourceBranch: branch,
        state: 'opened',
      }),
    );
    return found.length > 0 ? toChangeRequest(found[0] as any) : undefined;
  }

  private async userIds(usernames: string[], field: string): Promise<number[]> {
    const ids: number[] = [];
    for (const username of usernames) {
      const users = await callHost(
        `Looking up GitLab user ${username}`,
        this.secrets,
        () => this.api.Users.all({ username }),
      );
      if (users.length === 0) {
        throw new InputError(`${field}: no GitLab user named "${username}"`);
      }
      ids.push(users[0].id as number);
    }
    return ids;
  }

  async openChangeRequest(
    branch: string,
    base: string,
    content: ChangeRequestContent,
  ): Promise<ChangeRequest> {
    const assigneeIds = await this.userIds(content.assignees, 'assignees');
    const reviewerIds = await this.userIds(content.reviewers, 'reviewers');
    const mr = await callHost('Opening the merge request', this.secrets, () =>
      this.api.MergeRequests.create(
        this.options.project,
        branch,
        base,
        `${content.draft ? draftPrefix : ''}${content.title}`,
        {
          description: content.body,
          removeSourceBranch: true,
          ...(content.labels.length > 0
            ? { labels: content.labels.join(',') }
            : {}),
          ...(assigneeIds.length > 0 ? { assigneeIds } : {}),
          ...(reviewerIds.length > 0 ? { reviewerIds } : {}),
        },
      ),
    );
    return toChangeRequest(mr as any);
  }

  async updateChangeRequest(
    request: ChangeRequest,
    content: ChangeRequestContent,
  ): Promise<ChangeRequest> {
    const mr = await callHost(
      `Updating merge request !${request.number}`,
      this.secrets,
      () =>
        this.api.MergeRequests.edit(this.options.project, request.number, {
          title: `${content.draft ? draftPrefix : ''}${content.title}`,
          description: content.body,
          ...(content.labels.length > 0
            ? { addLabels: content.labels.join(',') }
            : {}),
        }),
    );
    return toChangeRequest(mr as any);
  }

  /** GitLab takes labels, assignees and reviewers with the create and edit calls themselves. */
  async decorateChangeRequest(): Promise<void> {}
}
