import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { defaultTargetPath } from '@mesh-templates/plugin-mesh-common';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';
import { catalogInfoFileName } from '../gitops/catalogInfo';
import {
  createGitopsRepositoryFactory,
  GitopsRepositoryFactory,
} from '../gitops/gitopsRepositoryFactory';
import { planPullRequest } from '../gitops/planPullRequest';
import { joinRepositoryPath } from '../gitops/repositoryPaths';
import { syncPullRequest } from '../gitops/syncPullRequest';
import { examples } from './gitopsPullRequest.examples';
import { parseSpecInput } from './parseSpecInput';
import { specInputDescription } from './specInputDescription';
import { toScmRepoUrl } from '../gitops/scmRepoUrl';

export interface MeshGitopsPullRequestActionOptions {
  integrations: ScmIntegrationRegistry;
  /** GitHub token or GitHub App credentials; defaults to the provider built from `integrations`. */
  githubCredentialsProvider?: GithubCredentialsProvider;
  /** Replaces the Octokit / Gitbeaker based repository client, for tests. */
  clientFactory?: GitopsRepositoryFactory;
  /** The folder every cluster's tree must lie under (`targetPath` is refused elsewhere); `clusters` by default. */
  targetRoot?: string;
}

/**
 * `mesh:gitops:pull-request`: proposes one cluster's tree of a rendered mesh bundle to the GitOps
 * repository as a GitHub pull request or GitLab merge request on the branch `mesh/<cluster>`,
 * updating that request on re-runs. The dry-run reads only the workspace.
 */
export function createMeshGitopsPullRequestAction(
  options: MeshGitopsPullRequestActionOptions,
) {
  const clientFactory =
    options.clientFactory ??
    createGitopsRepositoryFactory({
      integrations: options.integrations,
      githubCredentialsProvider: options.githubCredentialsProvider,
    });

  return createTemplateAction({
    id: 'mesh:gitops:pull-request',
    description:
      'Opens or updates a GitHub pull request / GitLab merge request that puts one cluster of a ' +
      'rendered mesh bundle (plus its catalog-info.yaml) under the cluster folder of the GitOps ' +
      'repository, on the branch mesh/<cluster>; stale files of that folder are deleted, nothing ' +
      'else is touched; identical output changes nothing.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe(
              'GitOps repository: its clone URL https://<host>/<owner>/<repo>(.git) or host?owner=<owner>&repo=<repo> (RepoUrlPicker format); the host must be a GitHub or GitLab integration',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              `Workspace folder holding the rendered bundle (${BUNDLE_INDEX_FILE} and the cluster trees); defaults to the workspace root`,
            ),
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              "Cluster whose tree to propose; defaults to the spec's cluster.name, or the bundle's only cluster",
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              `Repository folder of the cluster, under clusters/ (the configured root) and holding no other cluster's tree; defaults to the spec's gitops.targetPath, else ${defaultTargetPath(
                '<cluster>',
              )}`,
            ),
        clusterPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the cluster tree inside sourcePath; the bundle index already places it, so when given it must be that folder',
            ),
        spec: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              `${specInputDescription} Used for the PR body (Istio version, install method, engine) and the defaults above.`,
            ),
        validation: z =>
          z
            .union([
              z.string(),
              z.object({
                valid: z.boolean().optional(),
                problemCount: z.number().optional(),
                problems: z
                  .array(
                    z.object({
                      file: z.string().optional(),
                      subject: z.string().optional(),
                      path: z.string().optional(),
                      message: z.string().optional(),
                    }),
                  )
                  .optional(),
                summary: z.string().optional(),
              }),
            ])
            .optional()
            .describe(
              'Result of mesh:bundle:validate (its outputs object, or a sentence) shown in the PR body',
            ),
        baseBranch: z =>
          z
            .string()
            .optional()
            .describe(
              "Branch the request targets; defaults to the spec's gitops.branch, else the repository's default branch",
            ),
        title: z =>
          z
            .string()
            .optional()
            .describe(
              'Title; defaults to "Istio <version> mesh for cluster <cluster>"',
            ),
        commitMessage: z =>
          z
            .string()
            .optional()
            .describe('Commit message; defaults to the title'),
        draft: z =>
          z
            .boolean()
            .optional()
            .describe('Open as a draft pull request / merge request'),
        labels: z => z.array(z.string()).optional().describe('Labels to add'),
        reviewers: z =>
          z
            .array(z.string())
            .optional()
            .describe('User names to request a review from'),
        assignees: z =>
          z.array(z.string()).optional().describe('User names to assign'),
        owner: z =>
          z
            .string()
            .optional()
            .describe(
              "Owner of the cluster's catalog entity (entity ref); defaults to the user running the task",
            ),
        system: z =>
          z
            .string()
            .optional()
            .describe(
              "System of the cluster's catalog entity, e.g. system:default/prod-mesh",
            ),
      },
      output: {
        url: z =>
          z
            .string()
            .optional()
            .describe(
              'Pull/merge request URL, or the folder on the base branch when there was nothing to propose',
            ),
        number: z =>
          z
            .number()
            .optional()
            .describe('Pull request number / merge request iid'),
        branch: z =>
          z.string().describe('Branch of the change: mesh/<cluster>'),
        baseBranch: z =>
          z.string().optional().describe('Branch the request targets'),
        result: z =>
          z
            .enum(['created', 'updated', 'unchanged', 'planned'])
            .describe('created, updated or unchanged; planned in a dry-run'),
        title: z => z.string().describe('Title of the request'),
        body: z =>
          z.string().optional().describe('Body of the request (dry-run only)'),
        files: z =>
          z.array(z.string()).describe('Repository paths the request writes'),
        catalogInfoPath: z =>
          z
            .string()
            .describe("Repository path of the cluster's catalog-info.yaml"),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const spec = input.spec ? parseSpecInput(input.spec) : undefined;
      const owner = input.owner ?? ctx.user?.ref;
      if (!owner) {
        throw new InputError(
          "owner: give the entity ref that owns the cluster's catalog entity, e.g. group:default/platform-team",
        );
      }
      const plan = await planPullRequest({
        bundleDir: resolveSafeChildPath(
          ctx.workspacePath,
          input.sourcePath ?? '.',
        ),
        cluster: input.cluster,
        targetPath: input.targetPath,
        targetRoot: options.targetRoot,
        clusterPath: input.clusterPath,
        spec,
        validation: input.validation,
        baseBranch: input.baseBranch,
        title: input.title,
        commitMessage: input.commitMessage,
        draft: input.draft,
        labels: input.labels,
        reviewers: input.reviewers,
        assignees: input.assignees,
        owner,
        system: input.system,
      });
      const files = plan.files.map(f => f.path);
      ctx.output('branch', plan.branch);
      ctx.output('title', plan.title);
      ctx.output('files', files);
      ctx.output(
        'catalogInfoPath',
        joinRepositoryPath(plan.targetPath, catalogInfoFileName),
      );

      if (ctx.isDryRun) {
        const body = plan.content(plan.baseBranch ?? 'the default branch').body;
        ctx.logger.info(
          `Dry run: would propose ${files.length} files under ${plan.targetPath}/ on ${plan.branch} ` +
            `(stale files there would be deleted):\n${files.join('\n')}`,
        );
        ctx.output('result', 'planned');
        ctx.output('body', body);
        if (plan.baseBranch) {
          ctx.output('baseBranch', plan.baseBranch);
        }
        return;
      }

      const { repository, host, project } = await clientFactory(
        toScmRepoUrl(input.repoUrl),
      );
      const outcome = await syncPullRequest({
        repository,
        checkpoint: ctx.checkpoint,
        checkpointPrefix: `mesh.gitops.${host}.${project}.${plan.branch}`,
        plan,
      });
      const counts = ['create', 'update', 'delete']
        .map(
          action =>
            `${
              outcome.changes.filter(c => c.action === action).length
            } ${action}d`,
        )
        .join(', ');
      ctx.logger.info(
        outcome.result === 'unchanged'
          ? `Nothing to change for ${plan.cluster} on ${host}/${project}: ${outcome.url}`
          : `Pull request ${outcome.result} for ${plan.cluster} on ${host}/${project} (${counts}): ${outcome.url}`,
      );
      ctx.output('result', outcome.result);
      ctx.output('url', outcome.url);
      ctx.output('baseBranch', outcome.baseBranch);
      if (outcome.number !== undefined) {
        ctx.output('number', outcome.number);
      }
    },
  });
}
