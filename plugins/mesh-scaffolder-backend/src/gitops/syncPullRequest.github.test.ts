import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import fs from 'node:fs';
import {
  clusterTree,
  writeBundleFixture,
  writeBundleInto,
} from './__testUtils__/bundleFixture';
import {
  GithubContractServer,
  startGithubContractServer,
} from './__testUtils__/githubContractServer';
import { createMemoryCheckpoint } from './__testUtils__/memoryCheckpoint';
import { testClientLimits } from './__testUtils__/testClientLimits';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';
import { planPullRequest } from './planPullRequest';
import { validateProposedBundle } from './proposedBundleValidation';
import { syncPullRequest } from './syncPullRequest';

const token = 'ghp_contractTokenForGitopsTests0001';
const repoName = 'platform/mesh-gitops';

describe('syncPullRequest against the GitHub contract server', () => {
  let server: GithubContractServer;
  let bundleDir: string;

  beforeAll(async () => {
    server = await startGithubContractServer({ token });
  });
  afterAll(() => server.close());

  beforeEach(() => {
    server.repos.clear();
    server.pulls.clear();
    server.requests.length = 0;
    server.addRepository(repoName, {
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
      labels?: string[];
    } = {},
  ) {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: 'github.example.test', apiBaseUrl: server.baseUrl, token },
          ],
        },
      }),
    );
    const factory = createGitopsRepositoryFactory({
      integrations,
      ...testClientLimits,
    });
    const { repository } = await factory(
      'github.example.test?owner=platform&repo=mesh-gitops',
    );
    const plan = await planPullRequest({
      bundleDir,
      owner: 'group:default/platform-team',
      labels: options.labels,
      validation: await validateProposedBundle(bundleDir),
    });
    const { checkpoint } = options.checkpoint ?? createMemoryCheckpoint();
    return syncPullRequest({
      repository,
      checkpoint,
      checkpointPrefix: `mesh-gitops.github.example.test.${repoName}.${plan.branch}`,
      plan,
    });
  }

  const writes = () =>
    server.requests
      .filter(r => r.method !== 'GET')
      .map(r => `${r.method} ${r.path}`);
  const repo = () => server.repos.get(repoName)!;

  it('opens a pull request on mesh/<cluster> with only the cluster folder, then updates it, then reports unchanged', async () => {
    // GIVEN a repository with two other clusters; WHEN the first run proposes east-1
    const first = await run();

    // THEN one tree, one commit, one new branch and one pull request — exactly these writes
    expect(first).toMatchObject({
      result: 'created',
      number: 1,
      branch: 'mesh/east-1',
      baseBranch: 'main',
    });
    expect(first.url).toBe(
      'https://github.example.test/platform/mesh-gitops/pull/1',
    );
    expect(writes()).toEqual([
      'POST /repos/platform/mesh-gitops/git/trees',
      'POST /repos/platform/mesh-gitops/git/commits',
      'POST /repos/platform/mesh-gitops/git/refs',
      'POST /repos/platform/mesh-gitops/pulls',
    ]);
    expect(server.requests.map(r => `${r.method} ${r.path}`)).toContain(
      'GET /repos/platform/mesh-gitops/pulls?state=open&head=platform%3Amesh%2Feast-1',
    );
    const tree = server.requests.find(
      r => r.path.endsWith('/git/trees') && r.method === 'POST',
    )!.body as any;
    expect(
      tree.tree.every((e: any) => e.path.startsWith('clusters/east-1/')),
    ).toBe(true);

    const onBranch = repo().files('mesh/east-1');
    const main = repo().files('main');
    expect(
      Object.keys(onBranch)
        .filter(p => !(p in main))
        .sort(),
    ).toEqual([
      'clusters/east-1/README.md',
      'clusters/east-1/catalog-info.yaml',
      'clusters/east-1/istio/peer-authentication.yaml',
      'clusters/east-1/istio/values-istiod.yaml',
      'clusters/east-1/kustomization.yaml',
      'clusters/east-1/observability/pod-monitor.yaml',
      'clusters/east-1/observability/telemetry.yaml',
      'clusters/east-1/policy/network-policy.yaml',
    ]);
    for (const [path, content] of Object.entries(main)) {
      expect(onBranch[path]).toBe(content);
    }
    const pull = server.pulls.get(repoName)![0];
    expect(pull).toMatchObject({
      head: 'mesh/east-1',
      base: 'main',
      state: 'open',
      title: 'Istio mesh for cluster east-1',
    });
    expect(pull.body).toContain(
      '| observability | PodMonitor | envoy-stats | istio-system |',
    );

    // WHEN the bundle changes and the step runs again: one more commit on the same branch, same PR updated
    fs.appendFileSync(
      `${bundleDir}/clusters/east-1/README.md`,
      'Second render.\n',
    );
    server.requests.length = 0;
    const second = await run();
    expect(second).toMatchObject({
      result: 'updated',
      number: 1,
      changes: [{ action: 'update', path: 'clusters/east-1/README.md' }],
    });
    expect(writes()).toEqual([
      'POST /repos/platform/mesh-gitops/git/trees',
      'POST /repos/platform/mesh-gitops/git/commits',
      'PATCH /repos/platform/mesh-gitops/git/refs/heads%2Fmesh%2Feast-1',
    ]);
    expect(
      (server.requests.find(r => r.method === 'PATCH')!.body as any).force,
    ).toBe(false);
    expect(server.pulls.get(repoName)).toHaveLength(1);

    // WHEN nothing changed: no write at all
    server.requests.length = 0;
    const third = await run();
    expect(third).toMatchObject({
      result: 'unchanged',
      number: 1,
      changes: [],
    });
    expect(third.commit).toBeUndefined();
    expect(writes()).toEqual([]);
  });

  it('opens a new pull request from base after the previous one was closed', async () => {
    await run();
    server.closePullRequest(repoName, 1);
    const staleHead = repo().branches.get('mesh/east-1');
    server.requests.length = 0;

    const again = await run();

    expect(again).toMatchObject({ result: 'created', number: 2 });
    // the branch starts again from main; the stale head stays a second parent, so the ref update
    // is a fast-forward (never forced: a concurrent run's push would make it fail instead)
    expect(server.requests.find(r => r.method === 'PATCH')!.body).toMatchObject(
      { force: false },
    );
    const head = repo().branches.get('mesh/east-1')!;
    expect(repo().store.commit(head)!.parents).toEqual([
      repo().branches.get('main'),
      staleHead,
    ]);
  });

  it('reports unchanged without a pull request when the base branch already holds the files', async () => {
    await run();
    server.mergePullRequest(repoName, 1);
    server.requests.length = 0;

    const afterMerge = await run();

    expect(afterMerge).toMatchObject({
      result: 'unchanged',
      number: undefined,
    });
    expect(afterMerge.url).toBe(
      'https://github.example.test/platform/mesh-gitops/tree/main/clusters/east-1',
    );
    expect(writes()).toEqual([]);
  });

  it('does not open a second pull request when a failed step is retried with its checkpoints', async () => {
    // GIVEN the first attempt fails after opening the PR (labelling is refused; Octokit would retry a 5xx)
    const checkpoint = createMemoryCheckpoint();
    server.failNext('POST', '/labels', {
      status: 422,
      body: { message: 'Validation Failed' },
    });
    await expect(run({ checkpoint, labels: ['mesh'] })).rejects.toThrow(
      'Labelling pull request #1 failed (HTTP 422): Validation Failed',
    );
    // WHEN the retry runs while GitHub's pull list has not caught up yet
    server.hideOpenPullsOnce();
    server.requests.length = 0;
    const retry = await run({ checkpoint, labels: ['mesh'] });

    // THEN the checkpoints replay the commit and the PR; only the labelling is repeated
    expect(retry).toMatchObject({ result: 'created', number: 1 });
    expect(writes()).toEqual([
      'POST /repos/platform/mesh-gitops/issues/1/labels',
    ]);
    expect(server.pulls.get(repoName)).toHaveLength(1);
    expect(server.pulls.get(repoName)![0].labels).toEqual(['mesh']);
  });

  it('leaves other clusters untouched and deletes only the stale files of a removed component', async () => {
    // GIVEN a repo seeded with west-1 and central-1, and east-1 proposed and merged
    await run();
    server.mergePullRequest(repoName, 1);
    const before = repo().files('main');

    // WHEN east-1 is re-rendered without observability
    writeBundleInto(bundleDir, 'east-1', ['istio', 'policy']);
    server.requests.length = 0;
    const result = await run();

    // THEN exactly the observability files of east-1 are deleted, and the kustomization updated
    expect(result.result).toBe('created');
    expect(result.changes).toEqual([
      { action: 'update', path: 'clusters/east-1/kustomization.yaml' },
      {
        action: 'delete',
        path: 'clusters/east-1/observability/pod-monitor.yaml',
      },
      {
        action: 'delete',
        path: 'clusters/east-1/observability/telemetry.yaml',
      },
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
    const tree = server.requests.find(
      r => r.path.endsWith('/git/trees') && r.method === 'POST',
    )!.body as any;
    expect(
      tree.tree.filter((e: any) => e.sha === null).map((e: any) => e.path),
    ).toEqual([
      'clusters/east-1/observability/pod-monitor.yaml',
      'clusters/east-1/observability/telemetry.yaml',
    ]);
  });

  it('fails with the host message and without the token when the token is refused', async () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host: 'github.example.test',
              apiBaseUrl: server.baseUrl,
              token: 'ghp_wrongTokenNotAccepted',
            },
          ],
        },
      }),
    );
    const { repository } = await createGitopsRepositoryFactory({
      integrations,
      ...testClientLimits,
    })('github.example.test?owner=platform&repo=mesh-gitops');
    const error = await repository.defaultBranch().catch(e => e);
    expect(error.message).toBe(
      'Reading the GitHub repository failed (HTTP 401): Bad credentials',
    );
    expect(
      JSON.stringify({ ...error, message: error.message, stack: error.stack }),
    ).not.toContain('ghp_');
  });

  it("refuses a targetPath that holds another cluster's tree, before writing anything", async () => {
    // GIVEN a team folder under clusters/ that already holds west-1's tree
    server.addRepository(repoName, {
      'README.md': '# GitOps\n',
      'clusters/team-a/west-1/catalog-info.yaml': 'kind: Resource\n',
      'clusters/team-a/west-1/kustomization.yaml': 'resources: []\n',
    });
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: 'github.example.test', apiBaseUrl: server.baseUrl, token },
          ],
        },
      }),
    );
    const { repository } = await createGitopsRepositoryFactory({
      integrations,
      ...testClientLimits,
    })('github.example.test?owner=platform&repo=mesh-gitops');
    const plan = await planPullRequest({
      bundleDir,
      targetPath: 'clusters/team-a',
      owner: 'group:default/platform-team',
    });

    // WHEN east-1 is proposed into that folder, THEN the run stops naming the field and the tree
    await expect(
      syncPullRequest({
        repository,
        checkpoint: createMemoryCheckpoint().checkpoint,
        checkpointPrefix: 'nested',
        plan,
      }),
    ).rejects.toThrow(
      "targetPath clusters/team-a holds another cluster's tree (clusters/team-a/west-1/catalog-info.yaml)",
    );
    expect(writes()).toEqual([]);
    expect(Object.keys(repo().files('main'))).toContain(
      'clusters/team-a/west-1/kustomization.yaml',
    );
  });
});
