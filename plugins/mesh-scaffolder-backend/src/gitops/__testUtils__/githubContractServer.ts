import {
  ContractRequest,
  ContractResponse,
  RunningContractServer,
  startContractHttpServer,
} from './contractHttp';
import { FlatEntry, RepositoryState } from './gitObjectStore';

export type GithubPull = {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  title: string;
  body: string | null;
  head: string;
  base: string;
  labels: string[];
  assignees: string[];
  requestedReviewers: string[];
};

export interface GithubContractServer extends RunningContractServer {
  /** Origin used in html_url links (what a browser would open). */
  webBaseUrl: string;
  repos: Map<string, RepositoryState>;
  pulls: Map<string, GithubPull[]>;
  addRepository(
    fullName: string,
    files: Record<string, string>,
    defaultBranch?: string,
  ): RepositoryState;
  closePullRequest(fullName: string, number: number): void;
  /** Fast-forwards the base branch to the head, as "Rebase and merge" on an up-to-date branch does. */
  mergePullRequest(fullName: string, number: number): void;
  /** Test switch: the next pull list answers empty, as GitHub's search index can lag a new PR. */
  hideOpenPullsOnce(): void;
}

const notFound = {
  status: 404,
  body: {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
  },
};
const validation = (message: string, errors?: unknown[]): ContractResponse => ({
  status: 422,
  body: {
    message,
    ...(errors ? { errors } : {}),
    documentation_url: 'https://docs.github.com/rest',
  },
});

function malformedPath(path: unknown): boolean {
  return (
    typeof path !== 'string' ||
    path === '' ||
    path.startsWith('/') ||
    path.split('/').some(s => s === '' || s === '.' || s === '..')
  );
}

/**
 * `GET /repos/{owner}/{repo}/contents/{path}?ref=`, as Backstage's GithubUrlReader calls it: with
 * `Accept: application/vnd.github.v3.raw` the file's bytes, otherwise GitHub's JSON (base64 content);
 * an ETag per blob, and 304 when `If-None-Match` names the current one.
 */
function fileContents(
  repo: RepositoryState,
  req: ContractRequest,
  filePath: string,
): ContractResponse {
  const ref = req.url.searchParams.get('ref') ?? repo.defaultBranch;
  const commit = repo.branches.get(ref) ?? ref;
  const tree = repo.store.commit(commit)?.tree;
  const entry = tree ? repo.store.flatten(tree).get(filePath) : undefined;
  const blob = entry && repo.store.blob(entry.sha);
  if (!entry || !blob) return notFound;
  const etag = `"${entry.sha}"`;
  if (req.headers['if-none-match'] === etag) {
    return { status: 304, text: '', headers: { etag } };
  }
  if (String(req.headers.accept ?? '').includes('raw')) {
    return {
      status: 200,
      text: blob.toString('utf8'),
      headers: { 'content-type': 'application/vnd.github.raw', etag },
    };
  }
  return {
    status: 200,
    headers: { etag },
    body: {
      type: 'file',
      encoding: 'base64',
      size: blob.length,
      name: filePath.slice(filePath.lastIndexOf('/') + 1),
      path: filePath,
      sha: entry.sha,
      content: blob.toString('base64'),
    },
  };
}

/**
 * A stateful stand-in for the GitHub REST API: the repository, Git data (refs, commits, trees),
 * pulls, labels, assignees and reviewer endpoints the GitOps step uses, with GitHub's shapes and
 * its refusals (401 bad credentials, 404, 422 for non-fast-forward ref updates, duplicate pull
 * requests, malformed tree paths and missing objects).
 */
export async function startGithubContractServer(options: {
  token: string;
  webBaseUrl?: string;
}): Promise<GithubContractServer> {
  const repos = new Map<string, RepositoryState>();
  const pulls = new Map<string, GithubPull[]>();
  const webBaseUrl = options.webBaseUrl ?? 'https://github.example.test';
  let hideOpenPulls = false;

  const pullJson = (fullName: string, p: GithubPull, apiBase: string) => {
    const repo = repos.get(fullName)!;
    const [owner] = fullName.split('/');
    return {
      url: `${apiBase}/repos/${fullName}/pulls/${p.number}`,
      html_url: `${webBaseUrl}/${fullName}/pull/${p.number}`,
      number: p.number,
      state: p.state,
      merged: p.merged,
      draft: p.draft,
      title: p.title,
      body: p.body,
      head: {
        ref: p.head,
        label: `${owner}:${p.head}`,
        sha: repo.branches.get(p.head) ?? null,
      },
      base: {
        ref: p.base,
        label: `${owner}:${p.base}`,
        sha: repo.branches.get(p.base) ?? null,
      },
      labels: p.labels.map(name => ({ name })),
      assignees: p.assignees.map(login => ({ login })),
      requested_reviewers: p.requestedReviewers.map(login => ({ login })),
    };
  };

  const handle = (req: ContractRequest, apiBase: string): ContractResponse => {
    const auth = req.headers.authorization;
    if (!auth) {
      return { status: 401, body: { message: 'Requires authentication' } };
    }
    const presented = auth.replace(/^(token|bearer)\s+/i, '');
    if (presented !== options.token) {
      return {
        status: 401,
        body: {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    }
    const [root, owner, name, ...rest] = req.segments;
    const fullName = `${owner}/${name}`;
    const repo = repos.get(fullName);
    if (root !== 'repos' || !repo) {
      return notFound;
    }
    const { store, branches } = repo;
    const route = `${req.method} ${rest.join('/')}`;
    const body = req.body ?? {};

    if (route === 'GET ') {
      return {
        status: 200,
        body: {
          full_name: fullName,
          default_branch: repo.defaultBranch,
          html_url: `${webBaseUrl}/${fullName}`,
          private: true,
        },
      };
    }
    if (req.method === 'GET' && rest[0] === 'contents' && rest.length > 1) {
      return fileContents(repo, req, rest.slice(1).join('/'));
    }
    // Octokit sends `heads/<branch>` percent-encoded as one segment; GitHub accepts both forms.
    const refPath = rest.slice(2).join('/');
    const refBranch = refPath.startsWith('heads/')
      ? refPath.slice('heads/'.length)
      : undefined;
    if (
      req.method === 'GET' &&
      rest[0] === 'git' &&
      rest[1] === 'ref' &&
      refBranch
    ) {
      const branch = refBranch;
      const sha = branches.get(branch);
      return sha
        ? {
            status: 200,
            body: {
              ref: `refs/heads/${branch}`,
              object: { sha, type: 'commit' },
            },
          }
        : notFound;
    }
    if (
      req.method === 'PATCH' &&
      rest[0] === 'git' &&
      rest[1] === 'refs' &&
      refBranch
    ) {
      const branch = refBranch;
      const current = branches.get(branch);
      if (!current) return validation('Reference does not exist');
      if (!store.commit(body.sha)) return validation('Object does not exist');
      if (!body.force && !store.isAncestor(current, body.sha))
        return validation('Update is not a fast forward');
      branches.set(branch, body.sha);
      return {
        status: 200,
        body: {
          ref: `refs/heads/${branch}`,
          object: { sha: body.sha, type: 'commit' },
        },
      };
    }
    if (route === 'POST git/refs') {
      const ref = String(body.ref ?? '');
      if (!ref.startsWith('refs/heads/') || ref.split('/').length < 3)
        return validation('Reference name is invalid');
      const branch = ref.slice('refs/heads/'.length);
      if (branches.has(branch)) return validation('Reference already exists');
      if (!store.commit(body.sha)) return validation('Object does not exist');
      branches.set(branch, body.sha);
      return {
        status: 201,
        body: { ref, object: { sha: body.sha, type: 'commit' } },
      };
    }
    if (
      req.method === 'GET' &&
      rest[0] === 'git' &&
      rest[1] === 'commits' &&
      rest.length === 3
    ) {
      const commit = store.commit(rest[2]);
      return commit
        ? {
            status: 200,
            body: {
              sha: rest[2],
              tree: { sha: commit.tree },
              parents: commit.parents.map(sha => ({ sha })),
              message: commit.message,
            },
          }
        : notFound;
    }
    if (req.method === 'GET' && rest[0] === 'git' && rest[1] === 'blobs') {
      const blob = rest.length === 3 ? store.blob(rest[2]) : undefined;
      return blob
        ? {
            status: 200,
            body: {
              sha: rest[2],
              size: blob.length,
              encoding: 'base64',
              content: blob.toString('base64'),
            },
          }
        : notFound;
    }
    if (route === 'POST git/commits') {
      if (typeof body.message !== 'string')
        return validation('Invalid request.\n\n"message" wasn\'t supplied.');
      if (!store.tree(body.tree)) return validation('Tree SHA does not exist');
      const parents: string[] = body.parents ?? [];
      if (parents.some(p => !store.commit(p)))
        return validation(
          'Parent SHA does not exist or is not a commit object',
        );
      const sha = store.putCommit(body.tree, parents, body.message);
      return {
        status: 201,
        body: {
          sha,
          tree: { sha: body.tree },
          parents: parents.map(p => ({ sha: p })),
          message: body.message,
        },
      };
    }
    if (
      req.method === 'GET' &&
      rest[0] === 'git' &&
      rest[1] === 'trees' &&
      rest.length === 3
    ) {
      const entries = store.tree(rest[2]);
      if (!entries) return notFound;
      const recursive = req.url.searchParams.has('recursive');
      const listed = recursive
        ? [...listRecursive(repo, rest[2], '')]
        : entries.map(e => ({
            path: e.name,
            mode: e.mode,
            type: e.type,
            sha: e.sha,
          }));
      return {
        status: 200,
        body: { sha: rest[2], tree: listed, truncated: false },
      };
    }
    if (route === 'POST git/trees') {
      const flat = new Map<string, FlatEntry>();
      if (body.base_tree !== undefined) {
        if (!store.tree(body.base_tree)) return validation('Invalid tree info');
        for (const [p, f] of store.flatten(body.base_tree)) flat.set(p, f);
      }
      for (const entry of body.tree ?? []) {
        if (malformedPath(entry.path))
          return validation('tree.path contains a malformed path component');
        if (
          !['100644', '100755', '040000', '160000', '120000'].includes(
            entry.mode,
          )
        )
          return validation('tree.mode is invalid');
        if (entry.sha === null) {
          if (!flat.has(entry.path))
            return validation(
              `GitRPC::BadObjectState: path ${entry.path} does not exist`,
            );
          flat.delete(entry.path);
        } else if (typeof entry.content === 'string') {
          flat.set(entry.path, {
            mode: entry.mode,
            sha: store.putBlob(entry.content),
          });
        } else if (typeof entry.sha === 'string' && store.blob(entry.sha)) {
          flat.set(entry.path, { mode: entry.mode, sha: entry.sha });
        } else {
          return validation('Must supply either tree.sha or tree.content');
        }
      }
      const sha = store.buildTree(flat);
      return {
        status: 201,
        body: { sha, tree: store.tree(sha), truncated: false },
      };
    }
    if (
      req.method === 'GET' &&
      rest[0] === 'git' &&
      rest[1] === 'blobs' &&
      rest.length === 3
    ) {
      const blob = store.blob(rest[2]);
      return blob
        ? {
            status: 200,
            body: {
              sha: rest[2],
              size: blob.length,
              encoding: 'base64',
              content: blob.toString('base64'),
            },
          }
        : notFound;
    }

    const repoPulls = pulls.get(fullName) ?? [];
    pulls.set(fullName, repoPulls);
    if (route === 'GET pulls') {
      const state = req.url.searchParams.get('state') ?? 'open';
      const head = req.url.searchParams.get('head');
      const base = req.url.searchParams.get('base');
      if (hideOpenPulls) {
        hideOpenPulls = false;
        return { status: 200, body: [] };
      }
      const found = repoPulls
        .filter(p => state === 'all' || p.state === state)
        .filter(p => !head || head === `${owner}:${p.head}`)
        .filter(p => !base || base === p.base)
        .sort((a, b) => b.number - a.number);
      return {
        status: 200,
        body: found.map(p => pullJson(fullName, p, apiBase)),
      };
    }
    if (route === 'POST pulls') {
      const head = String(body.head ?? '').replace(`${owner}:`, '');
      const base = String(body.base ?? '');
      if (!body.title)
        return validation('Validation Failed', [
          { resource: 'PullRequest', field: 'title', code: 'missing_field' },
        ]);
      if (!branches.has(base))
        return validation('Validation Failed', [
          { resource: 'PullRequest', field: 'base', code: 'invalid' },
        ]);
      if (!branches.has(head))
        return validation('Validation Failed', [
          { resource: 'PullRequest', field: 'head', code: 'invalid' },
        ]);
      if (
        repoPulls.some(
          p => p.state === 'open' && p.head === head && p.base === base,
        )
      ) {
        return validation('Validation Failed', [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${owner}:${head}.`,
          },
        ]);
      }
      if (store.isAncestor(branches.get(head)!, branches.get(base)!)) {
        return validation('Validation Failed', [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `No commits between ${base} and ${head}`,
          },
        ]);
      }
      const pull: GithubPull = {
        number: [...pulls.values()].flat().length + 1,
        state: 'open',
        merged: false,
        draft: Boolean(body.draft),
        title: body.title,
        body: body.body ?? null,
        head,
        base,
        labels: [],
        assignees: [],
        requestedReviewers: [],
      };
      repoPulls.push(pull);
      return { status: 201, body: pullJson(fullName, pull, apiBase) };
    }
    const pull = repoPulls.find(p => p.number === Number(rest[1]));
    if ((rest[0] === 'pulls' || rest[0] === 'issues') && !pull) {
      return notFound;
    }
    if (req.method === 'PATCH' && rest[0] === 'pulls' && rest.length === 2) {
      if (body.title !== undefined) pull!.title = body.title;
      if (body.body !== undefined) pull!.body = body.body;
      if (body.state === 'closed' || body.state === 'open')
        pull!.state = body.state;
      return { status: 200, body: pullJson(fullName, pull!, apiBase) };
    }
    if (req.method === 'POST' && rest[0] === 'issues' && rest[2] === 'labels') {
      for (const label of body.labels ?? [])
        if (!pull!.labels.includes(label)) pull!.labels.push(label);
      return { status: 200, body: pull!.labels.map(n => ({ name: n })) };
    }
    if (
      req.method === 'POST' &&
      rest[0] === 'issues' &&
      rest[2] === 'assignees'
    ) {
      for (const a of body.assignees ?? [])
        if (!pull!.assignees.includes(a)) pull!.assignees.push(a);
      return { status: 201, body: pullJson(fullName, pull!, apiBase) };
    }
    if (
      req.method === 'POST' &&
      rest[0] === 'pulls' &&
      rest[2] === 'requested_reviewers'
    ) {
      for (const r of body.reviewers ?? [])
        if (!pull!.requestedReviewers.includes(r))
          pull!.requestedReviewers.push(r);
      return { status: 201, body: pullJson(fullName, pull!, apiBase) };
    }
    return notFound;
  };

  function* listRecursive(
    repo: RepositoryState,
    treeSha: string,
    prefix: string,
  ): Generator<object> {
    for (const e of repo.store.tree(treeSha) ?? []) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      yield e.type === 'tree'
        ? { path, mode: '040000', type: 'tree', sha: e.sha }
        : {
            path,
            mode: e.mode,
            type: 'blob',
            sha: e.sha,
            size: repo.store.blob(e.sha)!.length,
          };
      if (e.type === 'tree') yield* listRecursive(repo, e.sha, path);
    }
  }

  const server = await startContractHttpServer(handle);
  return {
    ...server,
    webBaseUrl,
    repos,
    pulls,
    addRepository(fullName, files, defaultBranch = 'main') {
      const repo = new RepositoryState(defaultBranch, files);
      repos.set(fullName, repo);
      return repo;
    },
    closePullRequest(fullName, number) {
      pulls.get(fullName)!.find(p => p.number === number)!.state = 'closed';
    },
    mergePullRequest(fullName, number) {
      const pull = pulls.get(fullName)!.find(p => p.number === number)!;
      const repo = repos.get(fullName)!;
      const head = repo.branches.get(pull.head)!;
      if (!repo.store.isAncestor(repo.branches.get(pull.base)!, head)) {
        throw new Error(
          'the contract server only merges pull requests that fast-forward their base',
        );
      }
      repo.branches.set(pull.base, head);
      pull.state = 'closed';
      pull.merged = true;
    },
    hideOpenPullsOnce() {
      hideOpenPulls = true;
    },
  };
}
