import { createHash } from 'node:crypto';

export type TreeEntry = {
  name: string;
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
};
export type FlatEntry = { mode: string; sha: string };

type GitObject =
  | { type: 'blob'; content: Buffer }
  | { type: 'tree'; entries: TreeEntry[] }
  | { type: 'commit'; tree: string; parents: string[]; message: string };

function hashObject(type: string, body: Buffer): string {
  return createHash('sha1')
    .update(`${type} ${body.length}\0`)
    .update(body)
    .digest('hex');
}

/** Git orders tree entries by name, comparing a folder as if its name ended with "/". */
function treeOrder(a: TreeEntry, b: TreeEntry): number {
  const ka = a.type === 'tree' ? `${a.name}/` : a.name;
  const kb = b.type === 'tree' ? `${b.name}/` : b.name;
  if (ka < kb) return -1;
  return ka > kb ? 1 : 0;
}

/**
 * An in-memory Git object database with Git's own object ids (blob, tree and commit hashing as
 * `git hash-object` does), so the contract servers report the same SHAs a real host would.
 */
export class GitObjectStore {
  private readonly objects = new Map<string, GitObject>();
  private clock = 1_700_000_000;

  putBlob(content: string | Buffer): string {
    const bytes =
      typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const sha = hashObject('blob', bytes);
    this.objects.set(sha, { type: 'blob', content: bytes });
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort(treeOrder);
    const body = Buffer.concat(
      sorted.map(e =>
        Buffer.concat([
          Buffer.from(`${e.type === 'tree' ? '40000' : e.mode} ${e.name}\0`),
          Buffer.from(e.sha, 'hex'),
        ]),
      ),
    );
    const sha = hashObject('tree', body);
    this.objects.set(sha, { type: 'tree', entries: sorted });
    return sha;
  }

  putCommit(tree: string, parents: string[], message: string): string {
    this.clock += 1;
    const who = `Contract Server <contract@example.test> ${this.clock} +0000`;
    const text = [
      `tree ${tree}`,
      ...parents.map(p => `parent ${p}`),
      `author ${who}`,
      `committer ${who}`,
      '',
      message,
    ].join('\n');
    const sha = hashObject('commit', Buffer.from(text));
    this.objects.set(sha, { type: 'commit', tree, parents, message });
    return sha;
  }

  blob(sha: string): Buffer | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'blob' ? o.content : undefined;
  }

  tree(sha: string): TreeEntry[] | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'tree' ? o.entries : undefined;
  }

  commit(
    sha: string,
  ): { tree: string; parents: string[]; message: string } | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'commit' ? o : undefined;
  }

  /** Every file below a tree as path → mode and blob id. */
  flatten(treeSha: string, prefix = ''): Map<string, FlatEntry> {
    const files = new Map<string, FlatEntry>();
    for (const entry of this.tree(treeSha) ?? []) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.type === 'tree') {
        for (const [p, f] of this.flatten(entry.sha, path)) files.set(p, f);
      } else {
        files.set(path, { mode: entry.mode, sha: entry.sha });
      }
    }
    return files;
  }

  /** Builds nested trees for a flat file map; empty folders vanish, as in Git. */
  buildTree(files: Map<string, FlatEntry>): string {
    const children = new Map<string, Map<string, FlatEntry>>();
    const entries: TreeEntry[] = [];
    for (const [path, file] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        entries.push({
          name: path,
          mode: file.mode,
          type: 'blob',
          sha: file.sha,
        });
      } else {
        const dir = path.slice(0, slash);
        const sub = children.get(dir) ?? new Map<string, FlatEntry>();
        sub.set(path.slice(slash + 1), file);
        children.set(dir, sub);
      }
    }
    for (const [dir, sub] of children) {
      entries.push({
        name: dir,
        mode: '040000',
        type: 'tree',
        sha: this.buildTree(sub),
      });
    }
    return this.putTree(entries);
  }

  /** Whether `ancestor` is `commit` or reachable from it through parents. */
  isAncestor(ancestor: string, commit: string): boolean {
    const seen = new Set<string>();
    const queue = [commit];
    while (queue.length > 0) {
      const sha = queue.pop()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(this.commit(sha)?.parents ?? []));
    }
    return false;
  }

  /**
   * The last commit at or before `commit` that changed `path` (`git log -1 <commit> -- <path>`,
   * along first parents), or undefined when the path never existed there.
   */
  lastCommitForPath(commit: string, path: string): string | undefined {
    const blobAt = (sha: string) =>
      this.flatten(this.commit(sha)!.tree).get(path)?.sha;
    let sha = commit;
    for (;;) {
      const parent = this.commit(sha)!.parents[0];
      const here = blobAt(sha);
      if (!parent) return here ? sha : undefined;
      if (blobAt(parent) !== here) return sha;
      sha = parent;
    }
  }

  /** Text of every file of a commit, for test assertions. */
  filesOf(commitSha: string): Record<string, string> {
    const commit = this.commit(commitSha);
    if (!commit) return {};
    const result: Record<string, string> = {};
    for (const [path, f] of this.flatten(commit.tree)) {
      result[path] = this.blob(f.sha)!.toString('utf8');
    }
    return result;
  }
}

/** A repository on a contract server: objects, branches and the default branch. */
export class RepositoryState {
  readonly store = new GitObjectStore();
  readonly branches = new Map<string, string>();

  constructor(readonly defaultBranch: string, files: Record<string, string>) {
    const flat = new Map<string, FlatEntry>();
    for (const [path, content] of Object.entries(files)) {
      flat.set(path, { mode: '100644', sha: this.store.putBlob(content) });
    }
    const tree = this.store.buildTree(flat);
    this.branches.set(
      defaultBranch,
      this.store.putCommit(tree, [], 'Initial commit'),
    );
  }

  /** Text of every file on a branch. */
  files(branch: string): Record<string, string> {
    const head = this.branches.get(branch);
    return head ? this.store.filesOf(head) : {};
  }

  /** Commits a set of files straight to a branch, as a person pushing would. */
  push(
    branch: string,
    files: Record<string, string | null>,
    message = 'Manual change',
  ): string {
    const head = this.branches.get(branch)!;
    const flat = this.store.flatten(this.store.commit(head)!.tree);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) flat.delete(path);
      else flat.set(path, { mode: '100644', sha: this.store.putBlob(content) });
    }
    const sha = this.store.putCommit(
      this.store.buildTree(flat),
      [head],
      message,
    );
    this.branches.set(branch, sha);
    return sha;
  }
}
