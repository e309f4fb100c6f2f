import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import fs from 'node:fs';
import { clusterTree, writeBundleFixture } from './__testUtils__/bundleFixture';
import {
  GitlabContractServer,
  startGitlabContractServer,
} from './__testUtils__/gitlabContractServer';
import { createCommitBarrier } from './__testUtils__/commitBarrier';
import { createMemoryCheckpoint } from './__testUtils__/memoryCheckpoint';
import { testClientLimits } from './__testUtils__/testClientLimits';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';
import { planPullRequest } from './planPullRequest';
import { syncPullRequest } from './syncPullRequest';

const token = 'glpat-contractTokenForRaceTests001';
const project = 'platform/mesh-gitops';

const barrier = createCommitBarrier();

describe('two concurrent merge-request runs for one cluster (GitLab contract server)', () => {
  let server: GitlabContractServer;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startGitlabContractServer({ token });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    barrier.reset();
    server.repos.clear();
    server.mergeRequests.clear();
    server.addRepository(project, { 'README.md': '# GitOps\n' });
  });
  afterEach(() => {
    for (const dir of dirs.splice(0)) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  async function runWith(components: string[], readmeLine = '') {
    const dir = writeBundleFixture('east-1', components);
    fs.appendFileSync(`${dir}/clusters/east-1/README.md`, readmeLine);
    dirs.push(dir);
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
      bundleDir: dir,
      owner: 'group:default/platform-team',
    });
    return syncPullRequest({
      repository: barrier.wrap(repository),
      checkpoint: createMemoryCheckpoint().checkpoint,
      checkpointPrefix: `race.${components.join('-')}`,
      plan,
    });
  }

  const branchFiles = () =>
    Object.keys(server.repos.get(project)!.files('mesh/east-1'))
      .filter(f => f.startsWith('clusters/east-1/'))
      .filter(f => f !== 'clusters/east-1/catalog-info.yaml')
      .sort();
  const runFiles = (components: string[]) =>
    Object.keys(clusterTree('east-1', components)).sort();

  it.each([
    ['the branch does not exist yet', false],
    ['a merge request is open on the branch', true],
  ])(
    'when %s: one run wins, the other reports the race and the branch holds one run only',
    async (_, withOpenRequest) => {
      if (withOpenRequest) {
        const first = runWith(['policy']);
        await barrier.release();
        await first;
      }
      const full = ['istio', 'observability', 'policy'];
      const outcomes = await Promise.allSettled([
        runWith(full),
        runWith(['istio']),
      ]);

      const lost = outcomes.filter(o => o.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect(String((lost[0] as PromiseRejectedResult).reason)).toMatch(
        /another run is updating mesh\/east-1/,
      );
      const winner = outcomes[0].status === 'fulfilled' ? full : ['istio'];
      expect(branchFiles()).toEqual(runFiles(winner));
      expect(
        server.mergeRequests.get(project)!.filter(m => m.state === 'opened'),
      ).toHaveLength(1);
    },
  );

  it('when both runs only update the same file: GitLab refuses the stale one by its last_commit_id', async () => {
    const first = runWith(['istio']);
    await barrier.release();
    await first;

    const outcomes = await Promise.allSettled([
      runWith(['istio'], 'Run A.\n'),
      runWith(['istio'], 'Run B.\n'),
    ]);

    const lost = outcomes.filter(o => o.status === 'rejected');
    expect(lost).toHaveLength(1);
    expect(String((lost[0] as PromiseRejectedResult).reason)).toMatch(
      /another run is updating mesh\/east-1/,
    );
    const readme = server.repos.get(project)!.files('mesh/east-1')[
      'clusters/east-1/README.md'
    ];
    expect(readme).toContain(
      outcomes[0].status === 'fulfilled' ? 'Run A.' : 'Run B.',
    );
    expect(readme).not.toContain(
      outcomes[0].status === 'fulfilled' ? 'Run B.' : 'Run A.',
    );
  });

  it('refuses an update of a file another run changed after the head this run read', async () => {
    const repo = server.repos.get(project)!;
    const read = repo.branches.get('main')!;
    repo.push('main', { 'README.md': '# GitOps, edited by another run\n' });
    server.requests.length = 0;

    const stale = await runRawCommit(read);

    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual({
      message: 'The file has changed since you started editing it: README.md',
    });
    expect(repo.files('main')['README.md']).toBe(
      '# GitOps, edited by another run\n',
    );
  });

  function runRawCommit(lastCommitId: string) {
    return fetch(
      `${server.baseUrl}/api/v4/projects/${encodeURIComponent(
        project,
      )}/repository/commits`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'private-token': token },
        body: JSON.stringify({
          branch: 'main',
          commit_message: 'stale edit',
          actions: [
            {
              action: 'update',
              file_path: 'README.md',
              content: '# GitOps, stale\n',
              last_commit_id: lastCommitId,
            },
          ],
        }),
      },
    );
  }
});
