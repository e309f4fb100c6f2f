import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  GitContractServers,
  startGitContractServers,
} from '@mesh-templates/plugin-scaffolder-backend-module-mesh/testUtils';
import { guestToken } from './guestToken';
import { loadRepoConfig, startMeshBackend } from './startMeshBackend';
import { waitForEntity } from './waitForEntity';

export const contractGithubToken = 'ghp_e2eContractToken0123456789abcdefABCD';
export const contractGitlabToken = 'glpat-e2eContractToken0123456789';

export interface TemplateBackend {
  git: GitContractServers;
  baseUrl: string;
  /** A signed-in guest user's token, as the app holds it. */
  token: string;
  stop(): Promise<void>;
}

/**
 * The real backend (real auth, catalog, scaffolder, mesh plugins) with the repository's config,
 * its integrations pointed at the GitHub and GitLab contract servers, and a guest user signed in;
 * resolves once the Create mesh cluster template is in the catalog.
 */
export async function startTemplateBackend(
  repositories: Record<string, Record<string, string>>,
  /** Mesh plugin settings over the repository's, e.g. clusters backed by a Prometheus fixture. */
  mesh: object = {},
): Promise<TemplateBackend> {
  const git = await startGitContractServers({
    githubToken: contractGithubToken,
    gitlabToken: contractGitlabToken,
  });
  for (const [name, files] of Object.entries(repositories)) {
    git.github.addRepository(name, files);
  }
  const config = (await loadRepoConfig()) as any;
  config.integrations = git.integrationsConfig;
  config.mesh = { ...config.mesh, ...mesh };
  // The guest provider refuses to run outside development unless told; this is a test backend.
  config.auth.providers.guest.dangerouslyAllowOutsideDevelopment = true;
  const backend = await startMeshBackend({
    config,
    extraFeatures: [
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
    ],
  });
  const baseUrl = `http://127.0.0.1:${backend.server.port()}`;
  const token = await guestToken(baseUrl);
  await waitForEntity(
    baseUrl,
    { kind: 'Template', name: 'create-mesh-cluster' },
    { authorization: `Bearer ${token}` },
  );
  return {
    git,
    baseUrl,
    token,
    async stop() {
      await backend.stop();
      await git.close();
    },
  };
}

/** Shows the task's log when it did not complete, which is what one needs to see then. */
export function expectCompleted(task: { status: string; log: string[] }) {
  expect({
    status: task.status,
    log: task.status === 'completed' ? [] : task.log,
  }).toEqual({
    status: 'completed',
    log: [],
  });
}
