import { InputError } from '@backstage/errors';
import type { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { clusterTreeDir } from '../bundle/clusterTreeDir';
import type { MeshBundle } from '../bundle/meshBundle';
import { readBundle } from '../bundle/readBundle';
import { meshMembers } from '../render/meshMembers';
import { catalogInfoFileName, renderCatalogInfo } from './catalogInfo';
import { clusterTreeFiles } from './clusterTreeFiles';
import { GitopsFile } from './gitopsFile';
import { meshFactsFromSpec } from './meshFacts';
import { meshPullRequestBody } from './meshPullRequestBody';
import type { MeshMemberFolder } from './meshWhatChanges';
import type { PullRequestPlan, PullRequestPlanInput } from './planPullRequest';
import {
  checkClusterName,
  checkTargetPath,
  checkTargetPathUnderRoot,
  joinRepositoryPath,
  meshBranchName,
} from './repositoryPaths';
import { commitMessageFor, requestOptions } from './requestOptions';

/** A pull request that proposes every member folder of a multi-cluster mesh at once. */
export interface MeshPullRequestPlan extends PullRequestPlan {
  folders: string[];
  meshId: string;
  /** The clusters the spec lists, each with its folder. */
  members: MeshMemberFolder[];
  /** The same change, also deleting the folders of clusters the spec no longer lists. */
  withFormerMembers(former: MeshMemberFolder[]): MeshPullRequestPlan;
}

export function isMeshPullRequestPlan(
  plan: PullRequestPlan,
): plan is MeshPullRequestPlan {
  return 'withFormerMembers' in plan;
}

type MeshPlanInput = PullRequestPlanInput & { spec: MeshClusterSpec };

const byPath = (a: GitopsFile, b: GitopsFile) =>
  a.path < b.path ? -1 : Number(a.path > b.path);

/**
 * The inputs that name one cluster must agree with the spec: in a mesh-wide change every member
 * goes to the folder the spec gives it, and the bundle must hold exactly the spec's members.
 */
function checkMeshInput(
  input: MeshPlanInput,
  bundle: MeshBundle,
  members: MeshMemberFolder[],
): void {
  const names = members.map(m => m.name);
  if (input.cluster && !names.includes(checkClusterName(input.cluster))) {
    throw new InputError(
      `cluster: "${input.cluster}" is not a member of mesh ${
        input.spec.mesh.id
      } (${names.join(', ')})`,
    );
  }
  const own = members.find(m => m.name === input.spec.cluster.name)!;
  for (const [field, given] of [
    ['targetPath', input.targetPath],
    ['clusterPath', input.clusterPath],
  ] as const) {
    if (
      given !== undefined &&
      checkTargetPath(given, field) !== own.targetPath
    ) {
      throw new InputError(
        `${field}: a mesh-wide change puts ${own.name} at ${own.targetPath}, where its spec's gitops.targetPath places it; leave ${field} out`,
      );
    }
  }
  const rendered = [...bundle.clusters].sort().join(', ');
  if (rendered !== [...names].sort().join(', ')) {
    throw new InputError(
      `sourcePath: the bundle renders ${rendered} but the spec's mesh has ${names.join(
        ', ',
      )}; render the spec again (mesh:bundle:render)`,
    );
  }
}

/** One member's files at their repository paths, its catalog entity included. */
function memberFiles(
  input: MeshPlanInput,
  bundle: MeshBundle,
  member: MeshMemberFolder,
): GitopsFile[] {
  if (clusterTreeDir(bundle, member.name) !== member.targetPath) {
    throw new InputError(
      `sourcePath: the bundle places ${member.name} at ${clusterTreeDir(
        bundle,
        member.name,
      )}, not at ${
        member.targetPath
      } where the spec does; render the spec again`,
    );
  }
  const catalogInfo = renderCatalogInfo({
    cluster: member.name,
    owner: input.owner,
    system: input.system,
    meshId: input.spec.mesh.id,
    spec: input.spec,
  });
  return [
    ...clusterTreeFiles(bundle, member.name).filter(
      f => f.path !== catalogInfoFileName,
    ),
    { path: catalogInfoFileName, content: catalogInfo },
  ].map(f => ({
    path: joinRepositoryPath(member.targetPath, f.path),
    content: f.content,
  }));
}

function meshTitle(spec: MeshClusterSpec, names: string[]): string {
  const shown =
    names.length > 6
      ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`
      : names.join(', ');
  return `Istio ${spec.istio.version} mesh ${spec.mesh.id}: clusters ${shown}`;
}

/**
 * Everything the mesh-wide pull/merge request contains, from the workspace alone. Adding,
 * removing or renaming a member, or changing the mesh ID or trust domain, changes every member's
 * spec document and peer wiring, so every member folder is proposed together on one branch named
 * after the mesh: merged, the repository never holds members that disagree about the mesh
 * (`mesh-bundle check` passes on it), and a reviewer sees the whole change in one place.
 */
export async function planMeshPullRequest(
  input: MeshPlanInput,
): Promise<MeshPullRequestPlan> {
  const { spec } = input;
  const bundle = await readBundle(input.bundleDir);
  const members = meshMembers(spec).map(m => ({
    name: m.name,
    targetPath: checkTargetPathUnderRoot(m.targetPath, input.targetRoot),
  }));
  checkMeshInput(input, bundle, members);
  const files = members
    .flatMap(member => memberFiles(input, bundle, member))
    .sort(byPath);
  const title =
    input.title ??
    meshTitle(
      spec,
      members.map(m => m.name),
    );
  const own = members.find(m => m.name === spec.cluster.name)!;

  const withFormer = (former: MeshMemberFolder[]): MeshPullRequestPlan => ({
    cluster: spec.cluster.name,
    meshId: spec.mesh.id,
    members,
    branch: meshBranchName(spec.mesh.id),
    targetPath: own.targetPath,
    folders: [...members, ...former].map(m => m.targetPath),
    baseBranch: input.baseBranch ?? spec.gitops.branch,
    title,
    commitMessage: commitMessageFor(input, title),
    files,
    content: (baseBranch, deletes = [], merged) => ({
      title,
      body: meshPullRequestBody({
        spec,
        facts: meshFactsFromSpec(spec),
        baseBranch,
        members,
        former,
        entries: bundle.index,
        files: files.map(f => f.path),
        validation: input.validation,
        deletes,
        merged,
        notes: input.notes,
      }),
      ...requestOptions(input),
    }),
    withFormerMembers: next =>
      withFormer(
        next.map(m => ({
          name: m.name,
          targetPath: checkTargetPathUnderRoot(m.targetPath, input.targetRoot),
        })),
      ),
  });
  return withFormer([]);
}
