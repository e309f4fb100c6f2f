import {
  ContractRequest,
  ContractResponse,
  RunningContractServer,
  startContractHttpServer,
} from './contractHttp';
import { RepositoryState } from './gitObjectStore';

export type GitlabMergeRequest = {
  iid: number;
  state: 'opened' | 'closed' | 'merged';
  title: string;
  description: string;
  sourceBranch: string;
  targetBranch: string;
  labels: string[];
  assigneeIds: number[];
  reviewerIds: number[];
};

export interface GitlabContractServer extends RunningContractServer {
  repos: Map<string, RepositoryState>;
  mergeRequests: Map<string, GitlabMergeRequest[]>;
  users: Array<{ id: number; username: string }>;
  addRepository(
    projectPath: string,
    files: Record<string, string>,
    defaultBranch?: string,
  ): RepositoryState;
  closeMergeRequest(projectPath: string, iid: number): void;
}

const message = (status: number, text: unknown): ContractResponse => ({
  status,
  body: { message: text },
});

function badPath(path: unknown): boolean {
  return (
    typeof path !== 'string' ||
    path === '' ||
    path.startsWith('/') ||
    path.split('/').some(s => s === '' || s === '..')
  );
}

/**
 * A stateful stand-in for the GitLab v4 REST API: projects, branches, the recursive repository
 * tree with offset pagination (Link / X-Next-Page headers), raw files, commits with
 * create/update/delete actions, merge requests and users — with GitLab's refusals (401, 404,
 * 400 for creating an existing file, changing a missing one, starting an existing branch
 * without force or an action whose `last_commit_id` no longer matches the file's last commit,
 * 409 for a second open merge request from the same branch).
 */
export async function startGitlabContractServer(options: {
  token: string;
}): Promise<GitlabContractServer> {
  const repos = new Map<string, RepositoryState>();
  const mergeRequests = new Map<string, GitlabMergeRequest[]>();
  const users = [
    { id: 7, username: 'mesh-reviewer' },
    { id: 8, username: 'platform-lead' },
  ];
  let baseUrl = '';

  const mrJson = (projectPath: string, mr: GitlabMergeRequest) => ({
    id: 1000 + mr.iid,
    iid: mr.iid,
    project_id: [...repos.keys()].indexOf(projectPath) + 1,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    draft: /^(Draft:|\[Draft\]|\(Draft\))/i.test(mr.title),
    source_branch: mr.sourceBranch,
    target_branch: mr.targetBranch,
    labels: mr.labels,
    assignees: mr.assigneeIds.map(id => users.find(u => u.id === id)),
    reviewers: mr.reviewerIds.map(id => users.find(u => u.id === id)),
    web_url: `${baseUrl}/${projectPath}/-/merge_requests/${mr.iid}`,
  });

  const projectJson = (projectPath: string, repo: RepositoryState) => ({
    id: [...repos.keys()].indexOf(projectPath) + 1,
    path_with_namespace: projectPath,
    default_branch: repo.defaultBranch,
    web_url: `${baseUrl}/${projectPath}`,
  });

  const handle = (req: ContractRequest): ContractResponse => {
    const presented =
      req.headers['private-token'] ??
      req.headers.authorization?.replace(/^bearer\s+/i, '');
    if (presented !== options.token) {
      return message(401, '401 Unauthorized');
    }
    const [api, version, resource, id, ...rest] = req.segments;
    if (api !== 'api' || version !== 'v4') {
      return message(404, '404 Not Found');
    }
    const query = req.url.searchParams;
    if (req.method === 'GET' && resource === 'users' && id === undefined) {
      const username = query.get('username');
      return {
        status: 200,
        body: users
          .filter(u => !username || u.username === username)
          .map(u => ({ ...u, state: 'active' })),
      };
    }
    if (resource !== 'projects') {
      return message(404, '404 Not Found');
    }
    const projectPath = /^\d+$/.test(id)
      ? [...repos.keys()][Number(id) - 1]
      : id;
    const repo = projectPath ? repos.get(projectPath) : undefined;
    if (!repo) {
      return message(404, '404 Project Not Found');
    }
    const { store, branches } = repo;
    const body = req.body ?? {};
    const route = `${req.method} ${rest.slice(0, 2).join('/')}`;
    const resolve = (ref: string | null) =>
      ref
        ? branches.get(ref) ?? (store.commit(ref) ? ref : undefined)
        : branches.get(repo.defaultBranch);

    if (route === 'GET ') {
      return { status: 200, body: projectJson(projectPath!, repo) };
    }
    if (route === 'GET repository/branches' && rest.length === 3) {
      const sha = branches.get(rest[2]);
      if (!sha) return message(404, '404 Branch Not Found');
      const commit = store.commit(sha)!;
      return {
        status: 200,
        body: {
          name: rest[2],
          commit: {
            id: sha,
            short_id: sha.slice(0, 8),
            title: commit.message.split('\n')[0],
          },
          merged: false,
          protected: rest[2] === repo.defaultBranch,
          default: rest[2] === repo.defaultBranch,
        },
      };
    }
    if (route === 'GET repository/blobs' && rest.length === 3) {
      const blob = store.blob(rest[2]);
      if (!blob) return message(404, '404 Blob Not Found');
      return {
        status: 200,
        body: {
          sha: rest[2],
          size: blob.length,
          encoding: 'base64',
          content: blob.toString('base64'),
        },
      };
    }
    if (route === 'GET repository/tree') {
      const commit = resolve(query.get('ref'));
      if (!commit) return message(404, '404 Tree Not Found');
      const folder = (query.get('path') ?? '').replace(/\/$/, '');
      const recursive = query.get('recursive') === 'true';
      const all = store.flatten(store.commit(commit)!.tree);
      const entries = new Map<
        string,
        { id: string; name: string; type: string; path: string; mode: string }
      >();
      const prefix = folder ? `${folder}/` : '';
      for (const [path, file] of all) {
        if (!path.startsWith(prefix)) continue;
        const parts = path.slice(prefix.length).split('/');
        const depth = recursive ? parts.length : 1;
        for (let i = 1; i <= depth; i++) {
          const sub = prefix + parts.slice(0, i).join('/');
          const isFile = i === parts.length;
          if (!entries.has(sub)) {
            const treeSha = isFile ? file.sha : treeShaAt(repo, commit, sub);
            entries.set(sub, {
              id: treeSha,
              name: parts[i - 1],
              type: isFile ? 'blob' : 'tree',
              path: sub,
              mode: isFile ? file.mode : '040000',
            });
          }
        }
      }
      if (folder && entries.size === 0)
        return message(404, '404 Tree Not Found');
      const sorted = [...entries.values()].sort((a, b) =>
        a.path < b.path ? -1 : 1,
      );
      const perPage = Math.min(Number(query.get('per_page') ?? 20), 100);
      const page = Number(query.get('page') ?? 1);
      const totalPages = Math.max(1, Math.ceil(sorted.length / perPage));
      const headers: Record<string, string> = {
        'x-page': String(page),
        'x-per-page': String(perPage),
        'x-total': String(sorted.length),
        'x-total-pages': String(totalPages),
        'x-next-page': page < totalPages ? String(page + 1) : '',
      };
      if (page < totalPages) {
        const next = new URL(req.url.toString());
        next.searchParams.set('page', String(page + 1));
        next.searchParams.set('per_page', String(perPage));
        headers.link = `<${next.toString()}>; rel="next"`;
      }
      return {
        status: 200,
        body: sorted.slice((page - 1) * perPage, page * perPage),
        headers,
      };
    }
    if (
      req.method === 'GET' &&
      rest[0] === 'repository' &&
      rest[1] === 'files' &&
      rest[rest.length - 1] === 'raw'
    ) {
      const commit = resolve(query.get('ref'));
      const path = rest.slice(2, -1).join('/');
      const file = commit
        ? store.flatten(store.commit(commit)!.tree).get(path)
        : undefined;
      return file
        ? { status: 200, text: store.blob(file.sha)!.toString('utf8') }
        : message(404, '404 File Not Found');
    }
    if (route === 'POST repository/commits') {
      const branch = String(body.branch ?? '');
      if (!branch || !body.commit_message)
        return {
          status: 400,
          body: { error: 'branch, commit_message are missing' },
        };
      if (body.start_branch && body.start_sha)
        return {
          status: 400,
          body: { error: 'start_branch, start_sha are mutually exclusive' },
        };
      const exists = branches.has(branch);
      const start =
        body.start_sha ??
        (body.start_branch ? branches.get(body.start_branch) : undefined);
      if ((body.start_sha || body.start_branch) && !start)
        return message(
          400,
          `Invalid start ${body.start_sha ? 'SHA' : 'branch'}`,
        );
      if (start && exists && !body.force) {
        return message(
          400,
          `A branch called '${branch}' already exists. Switch to that branch in order to make changes`,
        );
      }
      const changed = changedSinceRead(repo, body);
      if (changed) {
        return message(
          400,
          `The file has changed since you started editing it: ${changed}`,
        );
      }
      const parent = start ?? branches.get(branch);
      if (!parent)
        return message(
          400,
          'You can only create or edit files when you are on a branch',
        );
      const flat = store.flatten(store.commit(parent)!.tree);
      for (const action of body.actions ?? []) {
        const path = action.file_path;
        if (badPath(path))
          return message(
            400,
            `Your changes could not be committed, because the file path ${path} is invalid`,
          );
        if (action.action === 'create') {
          if (flat.has(path))
            return message(400, 'A file with this name already exists');
        } else if (action.action === 'update' || action.action === 'delete') {
          if (!flat.has(path))
            return message(400, "A file with this name doesn't exist");
        } else {
          return {
            status: 400,
            body: { error: 'actions[action] does not have a valid value' },
          };
        }
        if (action.action === 'delete') {
          flat.delete(path);
        } else {
          const content =
            action.encoding === 'base64'
              ? Buffer.from(action.content ?? '', 'base64')
              : Buffer.from(action.content ?? '', 'utf8');
          flat.set(path, { mode: '100644', sha: store.putBlob(content) });
        }
      }
      const sha = store.putCommit(
        store.buildTree(flat),
        [parent],
        body.commit_message,
      );
      branches.set(branch, sha);
      return {
        status: 201,
        body: {
          id: sha,
          short_id: sha.slice(0, 8),
          title: String(body.commit_message).split('\n')[0],
          message: body.commit_message,
          parent_ids: [parent],
          web_url: `${baseUrl}/${projectPath}/-/commit/${sha}`,
        },
      };
    }

    const mrs = mergeRequests.get(projectPath!) ?? [];
    mergeRequests.set(projectPath!, mrs);
    if (route === 'GET merge_requests' && rest.length === 1) {
      const state = query.get('state') ?? 'all';
      const found = mrs
        .filter(mr => state === 'all' || mr.state === state)
        .filter(
          mr =>
            !query.get('source_branch') ||
            mr.sourceBranch === query.get('source_branch'),
        )
        .filter(
          mr =>
            !query.get('target_branch') ||
            mr.targetBranch === query.get('target_branch'),
        )
        .sort((a, b) => b.iid - a.iid);
      return { status: 200, body: found.map(mr => mrJson(projectPath!, mr)) };
    }
    if (route === 'POST merge_requests' && rest.length === 1) {
      if (!body.title || !body.source_branch || !body.target_branch) {
        return {
          status: 400,
          body: { error: 'source_branch, target_branch, title are missing' },
        };
      }
      if (
        !branches.has(body.source_branch) ||
        !branches.has(body.target_branch)
      ) {
        return message(422, ['Source branch or target branch does not exist']);
      }
      const open = mrs.find(
        mr =>
          mr.state === 'opened' &&
          mr.sourceBranch === body.source_branch &&
          mr.targetBranch === body.target_branch,
      );
      if (open) {
        return message(409, [
          `Another open merge request already exists for this source branch: !${open.iid}`,
        ]);
      }
      const labels = Array.isArray(body.labels)
        ? body.labels
        : String(body.labels ?? '')
            .split(',')
            .filter(Boolean);
      const mr: GitlabMergeRequest = {
        iid: mrs.length + 1,
        state: 'opened',
        title: body.title,
        description: body.description ?? '',
        sourceBranch: body.source_branch,
        targetBranch: body.target_branch,
        labels,
        assigneeIds: body.assignee_ids ?? [],
        reviewerIds: body.reviewer_ids ?? [],
      };
      mrs.push(mr);
      return { status: 201, body: mrJson(projectPath!, mr) };
    }
    if (
      req.method === 'PUT' &&
      rest[0] === 'merge_requests' &&
      rest.length === 2
    ) {
      const mr = mrs.find(m => m.iid === Number(rest[1]));
      if (!mr) return message(404, '404 Not found');
      if (body.title !== undefined) mr.title = body.title;
      if (body.description !== undefined) mr.description = body.description;
      for (const label of String(body.add_labels ?? '')
        .split(',')
        .filter(Boolean)) {
        if (!mr.labels.includes(label)) mr.labels.push(label);
      }
      if (body.state_event === 'close') mr.state = 'closed';
      return { status: 200, body: mrJson(projectPath!, mr) };
    }
    return message(404, '404 Not Found');
  };

  /**
   * GitLab's stale-edit check (Files::MultiService#validate_file_status!, Files::BaseService
   * #file_has_changed?): for each update/move/delete/chmod action naming a `last_commit_id`
   * that exists, the file's last commit on the start branch must equal its last commit at
   * `last_commit_id`; the first path that differs is returned.
   */
  function changedSinceRead(repo: RepositoryState, body: any) {
    const onBranch = repo.branches.get(body.start_branch ?? body.branch);
    for (const action of body.actions ?? []) {
      const path = action.previous_path ?? action.file_path;
      const read = action.last_commit_id;
      if (
        !['update', 'move', 'delete', 'chmod'].includes(action.action) ||
        !read ||
        !onBranch ||
        !repo.store.commit(read)
      )
        continue;
      const now = repo.store.lastCommitForPath(onBranch, path);
      const then = repo.store.lastCommitForPath(read, path);
      if (now && then && now !== then) return path;
    }
    return undefined;
  }

  function treeShaAt(
    repo: RepositoryState,
    commit: string,
    folder: string,
  ): string {
    let sha = repo.store.commit(commit)!.tree;
    for (const segment of folder.split('/')) {
      sha = repo.store.tree(sha)!.find(e => e.name === segment)!.sha;
    }
    return sha;
  }

  const server = await startContractHttpServer(handle);
  baseUrl = server.baseUrl;
  return {
    ...server,
    repos,
    mergeRequests,
    users,
    addRepository(projectPath, files, defaultBranch = 'main') {
      const repo = new RepositoryState(defaultBranch, files);
      repos.set(projectPath, repo);
      return repo;
    },
    closeMergeRequest(projectPath, iid) {
      mergeRequests.get(projectPath)!.find(mr => mr.iid === iid)!.state =
        'closed';
    },
  };
}
