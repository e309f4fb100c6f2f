import { InputError } from '@backstage/errors';
import { Gitlab } from '@gitbeaker/rest';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import {
  createGithubOctokit,
  GithubRateLimitOptions,
} from './github/githubOctokit';
import { GithubRepository } from './github/githubRepository';
import {
  createGitlabRequesterFn,
  GitlabRetryOptions,
} from './gitlab/gitlabRequester';
import { GitlabRepository } from './gitlab/gitlabRepository';
import { GitopsRepository } from './gitopsRepository';

export type ResolvedGitopsRepository = {
  repository: GitopsRepository;
  /** `github` or `gitlab`, from the integration that matched the host. */
  kind: 'github' | 'gitlab';
  host: string;
  /** `owner/repo`, or the GitLab project path. */
  project: string;
};

/** Turns a `host?owner=..&repo=..` URL into a repository client; injectable for tests. */
export type GitopsRepositoryFactory = (
  repoUrl: string,
) => Promise<ResolvedGitopsRepository>;

/**
 * Resolves the host, the credentials and the API base URL from Backstage's `integrations`
 * config: GitHub through the credentials provider (a token or a GitHub App installation), GitLab
 * through the integration's token. Nothing is read from the task input, so no template can
 * point a stored credential at a host of its own choosing.
 */
export function createGitopsRepositoryFactory(options: {
  integrations: ScmIntegrationRegistry;
  githubCredentialsProvider?: GithubCredentialsProvider;
  /** Rate-limit pacing of GitHub clients; the defaults suit github.com, tests pass small values. */
  githubRateLimits?: Partial<GithubRateLimitOptions>;
  /** Retries of GitLab clients; tests inject `sleep`. */
  gitlabRetry?: Partial<GitlabRetryOptions>;
}): GitopsRepositoryFactory {
  const { integrations } = options;
  const githubCredentials =
    options.githubCredentialsProvider ??
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);

  return async repoUrl => {
    const { host, owner, repo, project } = parseRepoUrl(repoUrl, integrations);
    const github = integrations.github.byHost(host);
    if (github) {
      if (!owner) {
        throw new InputError(
          `repoUrl must name the owner: ${host}?owner=<owner>&repo=<repo>`,
        );
      }
      const { token } = await githubCredentials.getCredentials({
        url: `https://${host}/${owner}/${repo}`,
      });
      if (!token) {
        throw new InputError(
          `No credentials for ${host}/${owner}/${repo}: configure a token or a GitHub App under integrations.github for host ${host}`,
        );
      }
      const octokit = createGithubOctokit({
        auth: token,
        baseUrl: github.config.apiBaseUrl,
        limits: options.githubRateLimits,
      });
      return {
        kind: 'github',
        host,
        project: `${owner}/${repo}`,
        repository: new GithubRepository({
          octokit,
          owner,
          repo,
          webBaseUrl: `https://${host}`,
          token,
        }),
      };
    }
    const gitlab = integrations.gitlab.byHost(host);
    if (gitlab) {
      const token = gitlab.config.token;
      if (!token) {
        throw new InputError(
          `No credentials for ${host}: configure a token under integrations.gitlab for host ${host}`,
        );
      }
      const projectPath = project ?? `${owner}/${repo}`;
      const api = new Gitlab({
        host: gitlab.config.baseUrl,
        token,
        requesterFn: createGitlabRequesterFn(options.gitlabRetry),
      });
      return {
        kind: 'gitlab',
        host,
        project: projectPath,
        repository: new GitlabRepository({
          api,
          project: projectPath,
          webBaseUrl: gitlab.config.baseUrl,
          token,
        }),
      };
    }
    throw new InputError(
      `repoUrl: host ${host} is neither a GitHub nor a GitLab integration; only those two are supported`,
    );
  };
}
