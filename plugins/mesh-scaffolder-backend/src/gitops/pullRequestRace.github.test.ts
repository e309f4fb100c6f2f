import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import fs from 'node:fs';
import { clusterTree, writeBundleFixture } from './__testUtils__/bundleFixture';
import {
  GithubContractServer,
  startGithubContractServer,
} from './__testUtils__/githubContractServer';
import { createCommitBarrier } from './__testUtils__/commitBarrier';
import { createMemoryCheckpoint } from './__testUtils__/memoryCheckpoint';
import { testClientLimits } from './__testUtils__/testClientLimits';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';
import { planPullRequest } from './planPullRequest';
import { syncPullRequest } from './syncPullRequest';

const token = 'ghp_contractTokenForRaceTests00001';
const repoName = 'platform/mesh-gitops';

const barrier = createCommitBarrier();

describe('two concurrent pull-request runs for one cluster (GitHub contract server)', () => {
  let server: GithubContractServer;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startGithubContractServer({ token });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    barrier.reset();
    server.repos.clear();
    server.pulls.clear();
    server.addRepository(repoName, { 'README.md': '# GitOps\n' });
  });
  afterEach(() => {
    for (const dir of dirs.splice(0)) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  async function runWith(components: string[]) {
    const dir = writeBundleFixture('east-1', components);
    dirs.push(dir);
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

  const branchFiles = () => {
    return Object.keys(server.repos.get(repoName)!.files('mesh/east-1'))
      .filter(f => f.startsWith('clusters/east-1/'))
      .filter(f => f !== 'clusters/east-1/catalog-info.yaml')
      .sort();
  };
  const runFiles = (components: string[]) =>
    Object.keys(clusterTree('east-1', components)).sort();

  it.each([
    ['the branch does not exist yet', false],
    ['a pull request is open on the branch', true],
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
        server.pulls.get(repoName)!.filter(p => p.state === 'open'),
      ).toHaveLength(1);
    },
  );
});
