// The whole template (render → validate → pull request) as a scaffolder task, as users run it.
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { startGitContractServers } from '@mesh-templates/plugin-scaffolder-backend-module-mesh/testUtils';
import { guestToken } from '../packages/backend/src/__testUtils__/guestToken';
import { runTemplateTask } from '../packages/backend/src/__testUtils__/runTemplateTask';
import {
  loadRepoConfig,
  startMeshBackend,
} from '../packages/backend/src/__testUtils__/startMeshBackend';
import { waitForEntity } from '../packages/backend/src/__testUtils__/waitForEntity';
import { fmt, median, table } from './lib/measure';

async function main() {
  const git = await startGitContractServers({
    githubToken: 'bench-github-token',
    gitlabToken: 'bench-gitlab-token',
  });
  git.github.addRepository('platform/gitops', { 'README.md': '# GitOps\n' });
  const config = (await loadRepoConfig()) as any;
  config.integrations = git.integrationsConfig;
  config.auth.providers.guest.dangerouslyAllowOutsideDevelopment = true;
  const { server } = await startMeshBackend({
    config,
    extraFeatures: [
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
    ],
  });
  try {
    const baseUrl = `http://127.0.0.1:${server.port()}`;
    const token = await guestToken(baseUrl);
    await waitForEntity(
      baseUrl,
      { kind: 'Template', name: 'create-mesh-cluster' },
      { authorization: `Bearer ${token}` },
    );

    const rows: string[][] = [];
    const times: number[] = [];
    // Each cluster: first run opens the PR, a changed re-run updates it, an identical one is unchanged.
    for (let i = 0; i < 5; i++) {
      for (const [label, kiali] of [
        ['created', false],
        ['updated', true],
        ['unchanged', true],
      ] as const) {
        const t0 = performance.now();
        const result = await runTemplateTask({
          baseUrl,
          token,
          templateRef: 'template:default/create-mesh-cluster',
          values: {
            cluster: { name: `bench-${i}` },
            observability: { kiali: { enabled: kiali } },
            gitops: {
              repoUrl: 'https://github.example.test/platform/gitops.git',
            },
            delivery: {
              openPullRequest: true,
              applyDirectly: false,
              waitForReady: true,
            },
          },
        });
        const ms = performance.now() - t0;
        if (result.status !== 'completed')
          throw new Error(`task failed:\n${result.log.join('\n')}`);
        times.push(ms);
        if (i === 4) rows.push([label, fmt(ms, 0)]);
      }
    }
    console.log(`## Template task end to end

"Create mesh cluster" run as a scaffolder task in the real backend (real auth, catalog, scaffolder; SQLite in memory): render → validate → pull request against the GitHub contract server on 127.0.0.1. Time from task creation to completion as the Create page sees it, 15 tasks over 5 clusters. Target: ≤ 5000 ms per task.

${table(['run of the last cluster', 'ms'], rows)}

${table(
  ['all 15 tasks', 'ms'],
  [
    ['median', fmt(median(times), 0)],
    ['max', fmt(Math.max(...times), 0)],
  ],
)}`);
  } finally {
    await server.stop();
    await git.close();
  }
}

// Exit explicitly: a stopped backend can leave timers behind that would keep the process alive.
main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
