import { InputError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';
import { createHash } from 'node:crypto';
import type { DeletedObject } from './deletedObjects';
import { diffFiles } from './diffFiles';
import { FileChange } from './gitopsFile';
import { readMergedChange } from './mergedChange';
import { deletedObjectsInFolders, listProposedFiles } from './proposedFiles';
import {
  ChangeRequest,
  ChangeRequestContent,
  GitopsRepository,
} from './gitopsRepository';
import type { PullRequestPlan } from './planPullRequest';

/** `ctx.checkpoint` of the scaffolder: the value of `fn` is stored under `key` and replayed on retry. */
export type Checkpoint = <T extends JsonValue | void>(opts: {
  key: string;
  fn: () => Promise<T> | T;
}) => Promise<T>;

export type SyncResult = 'created' | 'updated' | 'unchanged';

export type SyncOutcome = {
  result: SyncResult;
  branch: string;
  baseBranch: string;
  /** The request's URL, or the folder on the base branch when nothing needed proposing. */
  url: string;
  /** PR number / MR iid; absent when the base branch already has exactly these files. */
  number?: number;
  commit?: string;
  changes: Array<{ action: FileChange['action']; path: string }>;
  /** Namespaces, CRDs, PVCs and Secrets the change removes, which the body warns about. */
  deletes: DeletedObject[];
};

/** What to propose: the plan's branch, base branch (the default branch when absent), files and texts. */
export type ProposedChange = Pick<
  PullRequestPlan,
  | 'branch'
  | 'baseBranch'
  | 'targetPath'
  | 'folders'
  | 'files'
  | 'commitMessage'
  | 'content'
>;

export interface SyncOptions {
  repository: GitopsRepository;
  /** Prefix of every checkpoint key, naming host, repository and branch. */
  checkpointPrefix: string;
  checkpoint: Checkpoint;
  plan: ProposedChange;
}

function changeDigest(changes: FileChange[]): string {
  const hash = createHash('sha256');
  for (const change of changes) {
    hash.update(
      `${change.action}\0${change.path}\0${
        'content' in change ? change.content : ''
      }\0`,
    );
  }
  return hash.digest('hex').slice(0, 16);
}

interface ChangeRequestStep extends SyncOptions {
  baseBranch: string;
  /** The open request for the branch, as the host listed it before this run wrote anything. */
  open?: ChangeRequest;
  hasChanges: boolean;
  content: ChangeRequestContent;
}

/**
 * Edits the open request when its title or body is stale, or opens one when there are changes to
 * propose; a request written to (or opened) is then given its labels, assignees and reviewers.
 */
async function syncChangeRequest(
  step: ChangeRequestStep,
): Promise<{ request?: ChangeRequest; edited: boolean }> {
  const { repository, checkpoint, checkpointPrefix: prefix, open } = step;
  const { content } = step;
  let request = open;
  let edited = false;
  if (open) {
    if (open.title !== content.title || open.body !== content.body) {
      request = await checkpoint({
        key: `${prefix}.update.${open.number}.${changeDigest([
          { action: 'create', path: content.title, content: content.body },
        ])}`,
        fn: () => repository.updateChangeRequest(open, content),
      });
      edited = true;
    }
  } else if (step.hasChanges) {
    request = await checkpoint({
      key: `${prefix}.open`,
      fn: () =>
        repository.openChangeRequest(
          step.plan.branch,
          step.baseBranch,
          content,
        ),
    });
  }
  if (request && (edited || !open)) {
    const decorated = request;
    await checkpoint({
      key: `${prefix}.decorate.${decorated.number}`,
      fn: async () => {
        await repository.decorateChangeRequest(decorated, content);
        return true;
      },
    });
  }
  return { request, edited };
}

/**
 * The open request from the branch, whatever its base; one against another base stops the run,
 * as resetting the branch onto this base would rewrite a request someone is reviewing.
 */
async function openRequestOnBase(
  repository: GitopsRepository,
  branch: string,
  baseBranch: string,
): Promise<ChangeRequest | undefined> {
  const open = await repository.findOpenChangeRequest(branch);
  if (open && open.base !== baseBranch) {
    throw new InputError(
      `baseBranch: the open request ${open.url} from ${branch} targets "${open.base}", not "${baseBranch}"; merge or close it, or propose to "${open.base}"`,
    );
  }
  return open;
}

/**
 * Brings the cluster's branch and its pull/merge request to the wanted files. Every decision is
 * made from what the host reports now, so re-runs converge: an open request is updated in place,
 * a closed or merged one leads to a fresh branch from base and a new request, and identical files
 * lead to no commit at all. Each write is wrapped in a checkpoint keyed by what it writes, so a
 * retried task step replays a write it already made instead of making a second one — even when the
 * host's request list has not caught up with a request opened moments before.
 */
export async function syncPullRequest(
  options: SyncOptions,
): Promise<SyncOutcome> {
  const { repository, checkpoint, checkpointPrefix: prefix, plan } = options;
  const { branch, targetPath } = plan;

  const baseBranch = plan.baseBranch ?? (await repository.defaultBranch());
  const baseHead = await repository.branchHead(baseBranch);
  if (!baseHead) {
    throw new InputError(
      `baseBranch: branch "${baseBranch}" does not exist in the repository`,
    );
  }
  const branchHead = await repository.branchHead(branch);
  const open = await openRequestOnBase(repository, branch, baseBranch);
  // Without an open request the branch's history is stale (merged or abandoned): start from base.
  const parent = open && branchHead ? branchHead : baseHead;
  const current = await listProposedFiles(repository, parent, plan);
  const changes = diffFiles(current, plan.files);
  const deletes = await deletedObjectsInFolders(plan, changes, path =>
    repository.readBlob(current.get(path)!),
  );
  const content = plan.content(
    baseBranch,
    deletes,
    await readMergedChange(repository, plan, { baseHead, parent, current }),
  );

  // The first observation decides what this step reports, also when a retry finds its own writes.
  const initial = await checkpoint({
    key: `${prefix}.observed`,
    fn: () => ({
      hadOpenRequest: Boolean(open),
      hadChanges: changes.length > 0,
    }),
  });

  let commit: string | undefined;
  if (changes.length > 0) {
    commit = await checkpoint({
      key: `${prefix}.commit.${parent}.${changeDigest(changes)}`,
      fn: () =>
        repository.commitChanges({
          branch,
          branchExists: Boolean(branchHead),
          parent,
          expectedHead: branchHead,
          reset: !open,
          message: plan.commitMessage,
          changes,
        }),
    });
  }

  const { request, edited } = await syncChangeRequest({
    ...options,
    baseBranch,
    open,
    hasChanges: changes.length > 0,
    content,
  });

  let result: SyncResult;
  if (!initial.hadOpenRequest) {
    result = initial.hadChanges ? 'created' : 'unchanged';
  } else {
    result = initial.hadChanges || edited ? 'updated' : 'unchanged';
  }
  return {
    result,
    branch,
    baseBranch,
    url: request?.url ?? repository.folderUrl(baseBranch, targetPath),
    number: request?.number,
    commit,
    changes: changes.map(c => ({ action: c.action, path: c.path })),
    deletes,
  };
}
