import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import fs from 'node:fs';
import {
  clusterTree,
  writeBundleFixture,
  writeBundleInto,
} from './__testUtils__/bundleFixture';
import {
  GitlabContractServer,
  startGitlabContractServer,
} from './__testUtils__/gitlabContractServer';
import { createMemoryCheckpoint } from './__testUtils__/memoryCheckpoint';
import { testClientLimits } from './__testUtils__/testClientLimits';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';
import { planPullRequest } from './planPullRequest';
import { syncPullRequest } from './syncPullRequest';

const token = 'glpat-contractTokenForGitopsTests01';
const project = 'platform/mesh-gitops';

describe('syncPullRequest against the GitLab contract server', () => {
  let server: GitlabContractServer;
  let bundleDir: string;

  beforeAll(async () => {
    server = await startGitlabContractServer({ token });
  });
  afterAll(() => server.close());

  beforeEach(() => {
    server.repos.clear();
    server.mergeRequests.clear();
    server.requests.length = 0;
    server.addRepository(project, {
      'README.md': '# GitOps\n',
      ...clusterTree('west-1'),
      ...clusterTree('central-1'),
    });
    bundleDir = writeBundleFixture('east-1');
  });
  afterEach(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

  async function run(
    options: {
      checkpoint?: ReturnType<typeof createMemoryCheckpoint>;
      reviewers?: string[];
      draft?: boolean;
    } = {},
  ) {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          gitlab: [
            {
              host: 'gitlab.example.test',
              baseUrl: server.baseUrl,
              apiBaseUrl: `${server.baseUrl}/api/v4`,
              token,
            },
          ],
        },
      }),
    );
    const { repository } = await createGitopsRepositoryFactory({
      integrations,
      ...testClientLimits,
    })('gitlab.example.test?owner=platform&repo=mesh-gitops');
    const plan = await planPullRequest({
      bundleDir,
      owner: 'group:default/platform-team',
      labels: ['mesh', 'gitops'],
      reviewers: options.reviewers,
      draft: options.draft,
    });
    const { checkpoint } = options.checkpoint ?? createMemoryCheckpoint();
    return syncPullRequest({
      repository,
      checkpoint,
      checkpointPrefix: `mesh-gitops.gitlab.example.test.${project}.${plan.branch}`,
      plan,
    });
  }

  const writes = () => server.requests.filter(r => r.method !== 'GET');
  const repo = () => server.repos.get(project)!;

  it('opens a merge request, updates the same one on re-run, and reports unchanged for identical output', async () => {
    const first = await run({ reviewers: ['mesh-reviewer'], draft: true });

    expect(first).toMatchObject({
      result: 'created',
      number: 1,
      branch: 'mesh/east-1',
      baseBranch: 'main',
    });
    expect(first.url).toBe(
      `${server.baseUrl}/platform/mesh-gitops/-/merge_requests/1`,
    );
    const [commit, mr] = writes();
    expect(commit.path).toBe(
      '/api/v4/projects/platform%2Fmesh-gitops/repository/commits',
    );
    expect(commit.body).toMatchObject({
      branch: 'mesh/east-1',
      start_sha: repo().branches.get('main'),
    });
    expect(
      (commit.body as any).actions.map(
        (a: any) => `${a.action} ${a.file_path}`,
      ),
    ).toEqual([
      'create clusters/east-1/README.md',
      'create clusters/east-1/catalog-info.yaml',
      'create clusters/east-1/istio/peer-authentication.yaml',
      'create clusters/east-1/istio/values-istiod.yaml',
      'create clusters/east-1/kustomization.yaml',
      'create clusters/east-1/observability/pod-monitor.yaml',
      'create clusters/east-1/observability/telemetry.yaml',
      'create clusters/east-1/policy/network-policy.yaml',
    ]);
    expect(mr.path).toBe(
      '/api/v4/projects/platform%2Fmesh-gitops/merge_requests',
    );
    expect(mr.body).toMatchObject({
      source_branch: 'mesh/east-1',
      target_branch: 'main',
      title: 'Draft: Istio mesh for cluster east-1',
      labels: 'mesh,gitops',
      reviewer_ids: [7],
      remove_source_branch: true,
    });
    expect(writes()).toHaveLength(2);

    // second run with a changed file: one commit onto the branch tip, the same MR edited
    fs.appendFileSync(
      `${bundleDir}/clusters/east-1/README.md`,
      'Second render.\n',
    );
    server.requests.length = 0;
    const headRead = repo().branches.get('mesh/east-1');
    const second = await run({ draft: true });
    expect(second).toMatchObject({ result: 'updated', number: 1 });
    expect(writes().map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v4/projects/platform%2Fmesh-gitops/repository/commits',
    ]);
    expect(writes()[0].body).toEqual({
      branch: 'mesh/east-1',
      commit_message: expect.stringContaining('Istio mesh for cluster east-1'),
      actions: [
        {
          action: 'update',
          file_path: 'clusters/east-1/README.md',
          content: expect.stringContaining('Second render.'),
          encoding: 'text',
          // GitLab refuses the commit if the file changed after the head this run read
          last_commit_id: headRead,
        },
      ],
    });
    expect(server.mergeRequests.get(project)).toHaveLength(1);

    // third run, identical output: reads only
    server.requests.length = 0;
    expect(await run({ draft: true })).toMatchObject({
      result: 'unchanged',
      number: 1,
      changes: [],
    });
    expect(writes()).toEqual([]);
  });

  it('resets the branch from base with force and opens a new merge request after the old one was closed', async () => {
    await run();
    server.closeMergeRequest(project, 1);
    server.requests.length = 0;

    const again = await run();

    expect(again).toMatchObject({ result: 'created', number: 2 });
    expect(writes()[0].body).toMatchObject({
      start_sha: repo().branches.get('main'),
      force: true,
    });
  });

  it('does not open a second merge request when a retried step replays its checkpoints', async () => {
    const checkpoint = createMemoryCheckpoint();
    await run({ checkpoint });
    server.mergeRequests.get(project)!.length = 0; // the list no longer shows it (lagging index)
    server.requests.length = 0;

    const retry = await run({ checkpoint });

    expect(retry).toMatchObject({ result: 'created', number: 1 });
    expect(writes()).toEqual([]);
  });

  it('deletes only the stale files of a removed component and leaves other clusters untouched', async () => {
    await run();
    const before = repo().files('mesh/east-1');
    writeBundleInto(bundleDir, 'east-1', ['istio', 'policy']);
    server.requests.length = 0;

    await run();

    expect(
      (writes()[0].body as any).actions.map(
        (a: any) => `${a.action} ${a.file_path}`,
      ),
    ).toEqual([
      'update clusters/east-1/kustomization.yaml',
      'delete clusters/east-1/observability/pod-monitor.yaml',
      'delete clusters/east-1/observability/telemetry.yaml',
    ]);
    const after = repo().files('mesh/east-1');
    const changed = Object.keys({ ...before, ...after })
      .filter(p => before[p] !== after[p])
      .sort();
    expect(changed).toEqual([
      'clusters/east-1/kustomization.yaml',
      'clusters/east-1/observability/pod-monitor.yaml',
      'clusters/east-1/observability/telemetry.yaml',
    ]);
  });

  it('pages through a large tree listing', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 130; i++)
      many[
        `clusters/east-1/extra/file-${String(i).padStart(3, '0')}.yaml`
      ] = `n: ${i}\n`;
    repo().push('main', many);

    const result = await run();

    const deletes = result.changes.filter(c => c.action === 'delete');
    expect(deletes).toHaveLength(130);
    expect(
      server.requests.filter(r => r.path.includes('/repository/tree')).length,
    ).toBeGreaterThan(1);
    // A hang guard, not a speed check: the run reads every file the tree lists, one request each,
    // which outlasts jest's 5 s default on a loaded 2-core machine.
  }, 30_000);

  it('refuses a wrong token with the host message and never prints it', async () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          gitlab: [
            {
              host: 'gitlab.example.test',
              baseUrl: server.baseUrl,
              apiBaseUrl: `${server.baseUrl}/api/v4`,
              token: 'glpat-wrongTokenNotAccepted',
            },
          ],
        },
      }),
    );
    const { repository } = await createGitopsRepositoryFactory({
      integrations,
      ...testClientLimits,
    })('gitlab.example.test?owner=platform&repo=mesh-gitops');
    const error = await repository.defaultBranch().catch(e => e);
    expect(error.message).toBe(
      'Reading the GitLab project failed (HTTP 401): 401 Unauthorized',
    );
    expect(
      JSON.stringify({ ...error, message: error.message, stack: error.stack }),
    ).not.toContain('glpat-');
  });
});
