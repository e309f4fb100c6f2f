import { InputError } from '@backstage/errors';
import {
  MESH_CLUSTER_DOCUMENT_FILE,
  MeshClusterSpec,
  readMeshClusterDocument,
} from '@mesh-templates/plugin-mesh-common';
import yaml from 'yaml';
import { meshMembers } from '../render/meshMembers';
import { GitopsRepository } from './gitopsRepository';
import { isMeshPullRequestPlan } from './planMeshPullRequest';
import type { PullRequestPlan } from './planPullRequest';
import { joinRepositoryPath } from './repositoryPaths';

/** The spec documents the base branch holds in the members' folders, each read once. */
async function committedSpecs(
  repository: GitopsRepository,
  commit: string,
  folders: string[],
): Promise<Array<{ path: string; spec: MeshClusterSpec }>> {
  const blobs = new Map<string, string>();
  for (const folder of folders) {
    const path = joinRepositoryPath(folder, MESH_CLUSTER_DOCUMENT_FILE);
    const sha = (await repository.listFiles(commit, folder)).get(path);
    if (sha && !blobs.has(sha)) blobs.set(sha, path);
  }
  return Promise.all(
    [...blobs].map(async ([sha, path]) => {
      try {
        const text = await repository.readBlob(sha);
        return { path, spec: readMeshClusterDocument(yaml.parse(text)) };
      } catch (error) {
        throw new InputError(
          `${path} on the base branch does not read as a spec document, so the clusters it lists cannot be known: ${
            (error as Error).message
          }`,
        );
      }
    }),
  );
}

/**
 * A mesh-wide plan extended by the clusters that left the mesh: those the spec documents merged in
 * the members' folders still list and the new spec does not. Their folders join the change, so
 * the pull request deletes them; without this the removed cluster's folder would keep a spec that
 * still names its old peers. Any other plan is returned as it is.
 */
export async function withFormerMembers(
  plan: PullRequestPlan,
  repository: GitopsRepository,
): Promise<PullRequestPlan> {
  if (!isMeshPullRequestPlan(plan)) {
    return plan;
  }
  const baseBranch = plan.baseBranch ?? (await repository.defaultBranch());
  const baseHead = await repository.branchHead(baseBranch);
  if (!baseHead) {
    return plan; // syncPullRequest names the missing base branch
  }
  const current = new Set(plan.members.map(m => m.name));
  const folders = new Set(plan.folders);
  const former = new Map<string, string>();
  for (const { spec } of await committedSpecs(
    repository,
    baseHead,
    plan.members.map(m => m.targetPath),
  )) {
    for (const member of meshMembers(spec)) {
      if (!current.has(member.name) && !folders.has(member.targetPath)) {
        former.set(member.name, member.targetPath);
      }
    }
  }
  return former.size === 0
    ? plan
    : plan.withFormerMembers(
        [...former]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, targetPath]) => ({ name, targetPath })),
      );
}
