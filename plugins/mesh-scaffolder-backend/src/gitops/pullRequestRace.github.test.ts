import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import fs from 'node:fs';
import { clusterTree, writeBundleFixture } from './__testUtils__/bundleFixture';
import {
  GithubContractServer,
  startGithubContractServer,
} from './__testUtils__/githubContractServer';
import { createMemoryCheckpoint } from './__testUtils__/memoryCheckpoint';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';
import { GitopsRepository } from './gitopsRepository';
import { planPullRequest } from './planPullRequest';
import { syncPullRequest } from './syncPullRequest';

const token = 'ghp_contractTokenForRaceTests00001';
const repoName = 'platform/mesh-gitops';

let waiting: Array<() => void> = [];

/** Holds every caller of `commitChanges` until two of them have arrived: a forced race. */
function barrierAtCommit(repository: GitopsRepository, arrived: () => void) {
  return new Proxy(repository, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== 'commitChanges') return value;
      return async (...args: unknown[]) => {
        await new Promise<void>(resolve => {
          arrived();
          waiting.push(resolve);
          if (waiting.length === 2) waiting.splice(0).forEach(r => r());
        });
        return (value as Function).apply(target, args);
      };
    },
  });
}
describe('two concurrent pull-request runs for one cluster (GitHub contract server)', () => {
  let server: GithubContractServer;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startGithubContractServer({ token });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    waiting = [];
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
    })('github.example.test?owner=platform&repo=mesh-gitops');
    const plan = await planPullRequest({
      bundleDir: dir,
      owner: 'group:default/platform-team',
    });
    return syncPullRequest({
      repository: barrierAtCommit(repository, () => {}),
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
        waiting = [];
        const first = runWith(['policy']);
        // a lone run passes the barrier once a second party arrives: release it by hand
        while (waiting.length === 0) await new Promise(r => setTimeout(r, 5));
        waiting.splice(0).forEach(r => r());
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
