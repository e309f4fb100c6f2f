import {
  GithubContractServer,
  startGithubContractServer,
} from './githubContractServer';
import {
  GitlabContractServer,
  startGitlabContractServer,
} from './gitlabContractServer';

export interface GitContractServers {
  github: GithubContractServer;
  gitlab: GitlabContractServer;
  /** `integrations` config pointing Backstage at both servers (hosts github.example.test and gitlab.example.test). */
  integrationsConfig: {
    github: Array<{ host: string; apiBaseUrl: string; token: string }>;
    gitlab: Array<{
      host: string;
      baseUrl: string;
      apiBaseUrl: string;
      token: string;
    }>;
  };
  close(): Promise<void>;
}

/**
 * Starts the GitHub and GitLab contract servers on 127.0.0.1 (free ports) for end-to-end tests
 * and the bench. Each accepts only its own token.
 */
export async function startGitContractServers(options: {
  githubToken: string;
  gitlabToken: string;
}): Promise<GitContractServers> {
  const github = await startGithubContractServer({
    token: options.githubToken,
  });
  const gitlab = await startGitlabContractServer({
    token: options.gitlabToken,
  });
  return {
    github,
    gitlab,
    integrationsConfig: {
      github: [
        {
          host: 'github.example.test',
          apiBaseUrl: github.baseUrl,
          token: options.githubToken,
        },
      ],
      gitlab: [
        {
          host: 'gitlab.example.test',
          baseUrl: gitlab.baseUrl,
          apiBaseUrl: `${gitlab.baseUrl}/api/v4`,
          token: options.gitlabToken,
        },
      ],
    },
    close: async () => {
      await Promise.all([github.close(), gitlab.close()]);
    },
  };
}
