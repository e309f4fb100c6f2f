import {
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { catalogInfoFileName } from '../gitops/catalogInfo';
import {
  createGitopsRepositoryFactory,
  GitopsRepositoryFactory,
} from '../gitops/gitopsRepositoryFactory';
import { withFormerMembers } from '../gitops/formerMeshMembers';
import { planChangeRequest } from '../gitops/planChangeRequest';
import {
  PullRequestPlan,
  PullRequestPlanInput,
} from '../gitops/planPullRequest';
import { joinRepositoryPath } from '../gitops/repositoryPaths';
import { SyncOutcome, syncPullRequest } from '../gitops/syncPullRequest';
import { examples } from './gitopsPullRequest.examples';
import { parseSpecInput } from './parseSpecInput';
import {
  gitopsPullRequestInputSchema,
  gitopsPullRequestOutputSchema,
} from './gitopsPullRequestSchema';
import { toScmRepoUrl } from '../gitops/scmRepoUrl';
import { validateProposedBundle } from '../gitops/proposedBundleValidation';
import { formatBundleProblem } from '../bundle/formatBundleProblem';
import { deletionWarnings } from '../validate/deletionWarnings';

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
      'else is touched; identical output changes nothing. For a multi-cluster spec, every member ' +
      'folder is proposed together on the branch meshes/<mesh id>, and the folders of clusters ' +
      'the spec no longer lists are deleted.',
    examples,
    supportsDryRun: true,
    schema: {
      input: gitopsPullRequestInputSchema,
      output: gitopsPullRequestOutputSchema,
    },
    async handler(ctx) {
      const plan = await planChangeRequest(
        await toPlanInput(ctx.input, {
          logger: ctx.logger,
          workspacePath: ctx.workspacePath,
          targetRoot: options.targetRoot,
          userRef: ctx.user?.ref,
        }),
      );
      outputPlan(ctx, plan);
      if (ctx.isDryRun) {
        outputDryRun(ctx, plan);
        return;
      }

      const { repository, host, project } = await clientFactory(
        toScmRepoUrl(ctx.input.repoUrl),
      );
      const outcome = await syncPullRequest({
        repository,
        checkpoint: ctx.checkpoint,
        checkpointPrefix: `mesh.gitops.${host}.${project}.${plan.branch}`,
        plan: await withFormerMembers(plan, repository),
      });
      outputOutcome(ctx, plan, outcome, `${host}/${project}`);
    },
  });
}

/** The step input planPullRequest reads; the rest of the input is for the repository client. */
type PlanStepInput = Omit<
  PullRequestPlanInput,
  'bundleDir' | 'targetRoot' | 'spec' | 'owner' | 'validation'
> & {
  /** Deprecated and ignored: the action validates the bundle it proposes. */
  validation?: unknown;
  sourcePath?: string;
  spec?: Record<string, unknown>;
  owner?: string;
};

async function toPlanInput(
  input: PlanStepInput,
  context: {
    logger: LoggerService;
    workspacePath: string;
    targetRoot?: string;
    userRef?: string;
  },
): Promise<PullRequestPlanInput> {
  const spec = input.spec ? parseSpecInput(input.spec) : undefined;
  const owner = input.owner ?? context.userRef;
  if (!owner) {
    throw new InputError(
      "owner: give the entity ref that owns the cluster's catalog entity, e.g. group:default/platform-team",
    );
  }
  if (input.validation !== undefined) {
    context.logger.warn(
      'validation: ignored; the action validates the bundle it proposes itself, so remove this input',
    );
  }
  const bundleDir = resolveSafeChildPath(
    context.workspacePath,
    input.sourcePath ?? '.',
  );
  const validation = await validateProposedBundle(bundleDir);
  context.logger.info(
    `Validated the bundle in ${
      input.sourcePath ?? 'the workspace'
    }: no problems`,
  );
  return {
    bundleDir,
    cluster: input.cluster,
    targetPath: input.targetPath,
    targetRoot: context.targetRoot,
    clusterPath: input.clusterPath,
    spec,
    validation,
    baseBranch: input.baseBranch,
    title: input.title,
    commitMessage: input.commitMessage,
    draft: input.draft,
    labels: input.labels,
    reviewers: input.reviewers,
    assignees: input.assignees,
    owner,
    system: input.system,
    notes: input.notes,
  };
}

/** The part of the action context the output steps use. */
type OutputContext = {
  logger: LoggerService;
  output(name: keyof typeof gitopsPullRequestOutputSchema, value: any): void;
};

/** Outputs known from the plan alone, the same in a dry-run and a real run. */
function outputPlan(ctx: OutputContext, plan: PullRequestPlan): void {
  ctx.output('branch', plan.branch);
  ctx.output('title', plan.title);
  ctx.output(
    'files',
    plan.files.map(f => f.path),
  );
  ctx.output(
    'catalogInfoPath',
    joinRepositoryPath(plan.targetPath, catalogInfoFileName),
  );
}

function outputDryRun(ctx: OutputContext, plan: PullRequestPlan): void {
  const files = plan.files.map(f => f.path);
  const body = plan.content(plan.baseBranch ?? 'the default branch').body;
  ctx.logger.info(
    `Dry run: would propose ${files.length} files under ${(
      plan.folders ?? [plan.targetPath]
    ).join('/, ')}/ on ${plan.branch} ` +
      `(stale files there would be deleted):\n${files.join('\n')}`,
  );
  ctx.output('result', 'planned');
  ctx.output('body', body);
  if (plan.baseBranch) {
    ctx.output('baseBranch', plan.baseBranch);
  }
}

function outputOutcome(
  ctx: OutputContext,
  plan: PullRequestPlan,
  outcome: SyncOutcome,
  repository: string,
): void {
  const counts = ['create', 'update', 'delete']
    .map(
      action =>
        `${outcome.changes.filter(c => c.action === action).length} ${action}d`,
    )
    .join(', ');
  ctx.logger.info(
    outcome.result === 'unchanged'
      ? `Nothing to change for ${plan.cluster} on ${repository}: ${outcome.url}`
      : `Pull request ${outcome.result} for ${plan.cluster} on ${repository} (${counts}): ${outcome.url}`,
  );
  for (const warning of deletionWarnings(outcome.deletes)) {
    ctx.logger.warn(`Validation warning: ${formatBundleProblem(warning)}`);
  }
  ctx.output('result', outcome.result);
  ctx.output('url', outcome.url);
  ctx.output('baseBranch', outcome.baseBranch);
  if (outcome.number !== undefined) {
    ctx.output('number', outcome.number);
  }
}
