import { Octokit } from 'octokit';
import { callHost } from '../gitHostError';

/** What a call to the GitHub API needs: the client, the repository, and the secrets to redact. */
export interface GithubCalls {
  octokit: Octokit;
  repoParams: { owner: string; repo: string };
  secrets: Array<string | undefined>;
}

/** The tree of a folder at a commit, walked down one level at a time from the root. */
async function folderTreeSha(
  { octokit, repoParams, secrets }: GithubCalls,
  commit: string,
  folder: string,
): Promise<string | undefined> {
  const { data: commitData } = await callHost(
    `Reading commit ${commit}`,
    secrets,
    () => octokit.rest.git.getCommit({ ...repoParams, commit_sha: commit }),
  );
  let treeSha = commitData.tree.sha;
  for (const segment of folder.split('/')) {
    const parentTree = treeSha;
    const { data: level } = await callHost('Reading a tree', secrets, () =>
      octokit.rest.git.getTree({ ...repoParams, tree_sha: parentTree }),
    );
    const next = level.tree.find(e => e.path === segment && e.type === 'tree');
    if (!next?.sha) {
      return undefined;
    }
    treeSha = next.sha;
  }
  return treeSha;
}

/**
 * Path (from the repository root) → blob SHA of every file under a folder at a commit. Only the
 * folder's own subtree is listed recursively, so the size of the rest of the repository does
 * not matter; an absent folder has no files.
 */
export async function githubFolderFiles(
  calls: GithubCalls,
  commit: string,
  folder: string,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const treeSha = await folderTreeSha(calls, commit, folder);
  if (!treeSha) {
    return files;
  }
  const { octokit, repoParams, secrets } = calls;
  const { data: subtree } = await callHost(`Listing ${folder}`, secrets, () =>
    octokit.rest.git.getTree({
      ...repoParams,
      tree_sha: treeSha,
      recursive: 'true',
    }),
  );
  if (subtree.truncated) {
    throw new Error(
      `GitHub truncated the listing of ${folder}; the folder holds too many files`,
    );
  }
  for (const entry of subtree.tree) {
    if (entry.type === 'blob' && entry.path && entry.sha) {
      files.set(`${folder}/${entry.path}`, entry.sha);
    }
  }
  return files;
}
