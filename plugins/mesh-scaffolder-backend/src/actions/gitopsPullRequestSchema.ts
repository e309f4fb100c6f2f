import { defaultTargetPath } from '@mesh-templates/plugin-mesh-common';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';
import { specInputDescription } from './specInputDescription';
import type { z as zodV3 } from 'zod/v3';

// The schema builder scaffolder-node hands each field (its zod, the v3 API).
type Zod = typeof zodV3;

/** What `mesh:gitops:pull-request` takes, each field described for the template editor. */
export const gitopsPullRequestInputSchema = {
  repoUrl: (z: Zod) =>
    z
      .string()
      .describe(
        'GitOps repository: its clone URL https://<host>/<owner>/<repo>(.git) or host?owner=<owner>&repo=<repo> (RepoUrlPicker format); the host must be a GitHub or GitLab integration',
      ),
  sourcePath: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        `Workspace folder holding the rendered bundle (${BUNDLE_INDEX_FILE} and the cluster trees); defaults to the workspace root`,
      ),
  cluster: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        "Cluster whose tree to propose; defaults to the spec's cluster.name, or the bundle's only cluster",
      ),
  targetPath: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        `Repository folder of the cluster, under clusters/ (the configured root) and holding no other cluster's tree; defaults to the spec's gitops.targetPath, else ${defaultTargetPath(
          '<cluster>',
        )}`,
      ),
  clusterPath: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'Folder of the cluster tree inside sourcePath; the bundle index already places it, so when given it must be that folder',
      ),
  spec: (z: Zod) =>
    z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        `${specInputDescription} Used for the PR body (Istio version, install method, engine) and the defaults above.`,
      ),
  validation: (z: Zod) =>
    z
      .unknown()
      .optional()
      .describe(
        "Deprecated and ignored (accepted so older templates still run): the action validates the bundle it proposes with mesh:bundle:validate's check, refuses one with problems, and states the result in the body",
      ),
  baseBranch: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        "Branch the request targets; defaults to the spec's gitops.branch, else the repository's default branch",
      ),
  title: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'Title; defaults to "Istio <version> mesh for cluster <cluster>"',
      ),
  commitMessage: (z: Zod) =>
    z.string().optional().describe('Commit message; defaults to the title'),
  draft: (z: Zod) =>
    z
      .boolean()
      .optional()
      .describe('Open as a draft pull request / merge request'),
  labels: (z: Zod) => z.array(z.string()).optional().describe('Labels to add'),
  reviewers: (z: Zod) =>
    z
      .array(z.string())
      .optional()
      .describe('User names to request a review from'),
  assignees: (z: Zod) =>
    z.array(z.string()).optional().describe('User names to assign'),
  owner: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        "Owner of the cluster's catalog entity (entity ref); defaults to the user running the task",
      ),
  system: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        "System of the cluster's catalog entity, e.g. system:default/prod-mesh",
      ),
  notes: (z: Zod) =>
    z
      .array(z.string())
      .optional()
      .describe(
        'What the reviewer should know about this change (the upgrade stage\'s notes from mesh:upgrade:plan); listed, as plain text, under "Notes for the reviewer" in the body',
      ),
};

/** What `mesh:gitops:pull-request` outputs, each described for the template editor and the task page. */
export const gitopsPullRequestOutputSchema = {
  url: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'Pull/merge request URL, or the folder on the base branch when there was nothing to propose',
      ),
  number: (z: Zod) =>
    z.number().optional().describe('Pull request number / merge request iid'),
  branch: (z: Zod) =>
    z
      .string()
      .describe(
        'Branch of the change: mesh/<cluster>, or meshes/<mesh id> for a multi-cluster spec',
      ),
  baseBranch: (z: Zod) =>
    z.string().optional().describe('Branch the request targets'),
  result: (z: Zod) =>
    z
      .enum(['created', 'updated', 'unchanged', 'planned'])
      .describe('created, updated or unchanged; planned in a dry-run'),
  title: (z: Zod) => z.string().describe('Title of the request'),
  body: (z: Zod) =>
    z.string().optional().describe('Body of the request (dry-run only)'),
  files: (z: Zod) =>
    z.array(z.string()).describe('Repository paths the request writes'),
  catalogInfoPath: (z: Zod) =>
    z.string().describe("Repository path of the cluster's catalog-info.yaml"),
};
