import { InputError } from '@backstage/errors';
import {
  defaultTargetPath,
  MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { readBundle } from '../bundle/readBundle';
import { targetPathFor } from '../render/meshMembers';
import { catalogInfoFileName, renderCatalogInfo } from './catalogInfo';
import { summarizeChange } from './changeSummary';
import { DeletedObject } from './deletedObjects';
import { GitopsFile } from './gitopsFile';
import { ChangeRequestContent } from './gitopsRepository';
import type { MergedChange } from './mergedChange';
import { meshFactsFromIndex, meshFactsFromSpec } from './meshFacts';
import { pullRequestBody } from './pullRequestBody';
import { clusterTreeFiles } from './clusterTreeFiles';
import {
  checkClusterName,
  checkTargetPathUnderRoot,
  clusterBranchName,
  joinRepositoryPath,
} from './repositoryPaths';
import { ValidationInput } from './validationSection';
import { whatChangesSection } from './whatChangesSection';
import {
  commitMessageFor,
  requestOptions,
  RequestOptionsInput,
} from './requestOptions';

export interface PullRequestPlanInput extends RequestOptionsInput {
  /** Folder holding the rendered bundle (its index and the cluster trees). */
  bundleDir: string;
  cluster?: string;
  targetPath?: string;
  /** The folder every cluster's tree must lie under; `clusters` when absent. */
  targetRoot?: string;
  clusterPath?: string;
  spec?: MeshClusterSpec;
  validation?: ValidationInput;
  baseBranch?: string;
  title?: string;
  /** Owner of the cluster's catalog entity. */
  owner: string;
  system?: string;
  /** What the reviewer should know about the change, shown in the body (an upgrade stage's notes). */
  notes?: string[];
}

export interface PullRequestPlan {
  cluster: string;
  branch: string;
  targetPath: string;
  /** Every folder a mesh-wide change owns (see planMeshPullRequest); only `targetPath` when absent. */
  folders?: string[];
  baseBranch?: string;
  title: string;
  commitMessage: string;
  /** Every file the request writes, with repository paths, catalog-info.yaml included. */
  files: GitopsFile[];
  /** The request's texts, given the objects the change deletes (see deletedObjects). */
  content: (
    baseBranch: string,
    deletes?: DeletedObject[],
    merged?: MergedChange,
  ) => ChangeRequestContent;
}

function requestedCluster(input: PullRequestPlanInput): string | undefined {
  return input.cluster
    ? checkClusterName(input.cluster)
    : input.spec?.cluster.name;
}

function onlyCluster(clusters: string[]): string {
  if (clusters.length === 1) {
    return clusters[0];
  }
  throw new InputError(
    `cluster: say which cluster's tree to propose${
      clusters.length > 1 ? ` (the bundle has ${clusters.join(', ')})` : ''
    }`,
  );
}

/**
 * Everything the pull/merge request will contain, computed from the workspace alone — no host is
 * contacted, which is what lets the template editor's dry-run show it without credentials.
 */
export async function planPullRequest(
  input: PullRequestPlanInput,
): Promise<PullRequestPlan> {
  const requested = requestedCluster(input);
  const bundle = await readBundle(input.bundleDir, { cluster: requested });
  const cluster = requested ?? onlyCluster(bundle.clusters);
  const targetPath = checkTargetPathUnderRoot(
    input.targetPath ??
      (input.spec
        ? targetPathFor(input.spec, cluster)
        : defaultTargetPath(cluster)),
    input.targetRoot,
  );
  const treeFiles = clusterTreeFiles(bundle, cluster, input.clusterPath).filter(
    f => f.path !== catalogInfoFileName,
  );
  const catalogInfo = renderCatalogInfo({
    cluster,
    owner: input.owner,
    system: input.system,
    meshId: input.spec?.mesh.id,
    spec: input.spec,
  });
  const files = [
    ...treeFiles,
    { path: catalogInfoFileName, content: catalogInfo },
  ]
    .map(f => ({
      path: joinRepositoryPath(targetPath, f.path),
      content: f.content,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path)));

  const entries = bundle.index.filter(e => e.cluster === cluster);
  const facts = input.spec
    ? meshFactsFromSpec(input.spec)
    : meshFactsFromIndex(entries);
  const title =
    input.title ??
    (facts.istioVersion
      ? `Istio ${facts.istioVersion} mesh for cluster ${cluster}`
      : `Istio mesh for cluster ${cluster}`);
  return {
    cluster,
    branch: clusterBranchName(cluster),
    targetPath,
    baseBranch: input.baseBranch ?? input.spec?.gitops.branch,
    title,
    commitMessage: commitMessageFor(input, title),
    files,
    content: (baseBranch, deletes = [], merged) => ({
      title,
      body: pullRequestBody({
        cluster,
        targetPath,
        baseBranch,
        facts,
        entries,
        files: files.map(f => f.path),
        validation: input.validation,
        deletes,
        whatChanges:
          merged &&
          whatChangesSection(summarizeChange(merged.changes, merged.previous)),
        notes: input.notes,
      }),
      ...requestOptions(input),
    }),
  };
}
