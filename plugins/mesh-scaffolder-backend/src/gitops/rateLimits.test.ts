import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  GithubContractServer,
  startGithubContractServer,
} from './__testUtils__/githubContractServer';
import {
  GitlabContractServer,
  startGitlabContractServer,
} from './__testUtils__/gitlabContractServer';
import { testClientLimits } from './__testUtils__/testClientLimits';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';

const githubToken = 'ghp_contractTokenForRateLimitTests1';
const gitlabToken = 'glpat-contractTokenForRateLimits01';
const project = 'platform/mesh-gitops';

describe('rate limits and transient failures', () => {
  let github: GithubContractServer;
  let gitlab: GitlabContractServer;
  const waits: number[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    github = await startGithubContractServer({ token: githubToken });
    gitlab = await startGitlabContractServer({ token: gitlabToken });
  });
  afterAll(async () => {
    await github.close();
    await gitlab.close();
  });
  beforeEach(() => {
    waits.length = 0;
    warnings.length = 0;
    github.requests.length = 0;
    gitlab.requests.length = 0;
    github.addRepository(project, { 'README.md': '# GitOps\n' });
    gitlab.addRepository(project, { 'README.md': '# GitOps\n' });
  });

  const factory = () =>
    createGitopsRepositoryFactory({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: 'github.example.test',
                apiBaseUrl: github.baseUrl,
                token: githubToken,
              },
            ],
            gitlab: [
              {
                host: 'gitlab.example.test',
                baseUrl: gitlab.baseUrl,
                apiBaseUrl: `${gitlab.baseUrl}/api/v4`,
                token: gitlabToken,
              },
            ],
          },
        }),
      ),
      ...testClientLimits,
      githubRateLimits: {
        ...testClientLimits.githubRateLimits,
        warn: message => warnings.push(message),
      },
      gitlabRetry: {
        sleep: async seconds => {
          waits.push(seconds);
        },
      },
    });
  const repoUrl = (host: string) => `${host}?owner=platform&repo=mesh-gitops`;
  const secondaryLimit = {
    status: 403,
    body: { message: 'You have exceeded a secondary rate limit.' },
    headers: { 'retry-after': '7' },
  };
  const refReads = () =>
    github.requests.filter(r => r.path.includes('/git/ref/'));

  it('GitHub: a secondary rate limit (403, Retry-After) is waited out and the request retried', async () => {
    github.failNext('GET', '/git/ref/', secondaryLimit);
    const { repository } = await factory()(repoUrl('github.example.test'));

    const head = await repository.branchHead('main');

    expect(head).toBe(github.repos.get(project)!.branches.get('main'));
    expect(refReads()).toHaveLength(2);
    expect(warnings).toEqual([
      'GitHub secondary rate limit on GET /repos/{owner}/{repo}/git/ref/{ref}: retrying after 7 s',
    ]);
  });

  it('GitHub: retries are bounded — the third secondary limit in a row is reported', async () => {
    for (let i = 0; i < 3; i++) {
      github.failNext('GET', '/git/ref/', secondaryLimit);
    }
    const { repository } = await factory()(repoUrl('github.example.test'));

    const error = await repository.branchHead('main').catch(e => e);

    expect(error.message).toMatch(/secondary rate limit/);
    expect(refReads()).toHaveLength(3);
    expect(warnings.map(w => w.replace(/.*: /, ''))).toEqual([
      'retrying after 7 s',
      'retrying after 7 s',
      'giving up',
    ]);
  });

  it("GitHub: a 429 is retried after its Retry-After, not the retry plugin's backoff", async () => {
    // The retry plugin's own first backoff is 1 s; 5 s can only come from the answer.
    github.failNext('GET', '/git/ref/', {
      status: 429,
      body: { message: 'Too many requests' },
      headers: { 'retry-after': '5' },
    });
    const { repository } = await factory()(repoUrl('github.example.test'));

    const head = await repository.branchHead('main');

    expect(head).toBe(github.repos.get(project)!.branches.get('main'));
    expect(refReads()).toHaveLength(2);
    expect(warnings).toEqual([
      'GitHub HTTP 429 on GET /repos/platform/mesh-gitops/git/ref/heads%2Fmain: retrying after 5 s',
    ]);
  });

  it('GitHub: a 503 without Retry-After keeps the backoff, and the third in a row is reported', async () => {
    for (let i = 0; i < 3; i++) {
      github.failNext('GET', '/git/ref/', {
        status: 503,
        body: { message: 'Service unavailable' },
      });
    }
    const { repository } = await factory()(repoUrl('github.example.test'));

    const error = await repository.branchHead('main').catch(e => e);

    expect(error.status).toBe(503);
    expect(refReads()).toHaveLength(3);
    expect(warnings.map(w => w.replace(/.*: /, ''))).toEqual([
      'retrying after 1 s',
      'retrying after 4 s',
      'giving up',
    ]);
  });

  it('GitLab: a GET answered 429 is retried after its Retry-After', async () => {
    gitlab.failNext('GET', '/repository/branches/main', {
      status: 429,
      body: { message: '429 Too Many Requests' },
      headers: { 'retry-after': '3' },
    });
    const { repository } = await factory()(repoUrl('gitlab.example.test'));

    const head = await repository.branchHead('main');

    expect(head).toBe(gitlab.repos.get(project)!.branches.get('main'));
    expect(
      gitlab.requests.filter(r => r.path.endsWith('/repository/branches/main')),
    ).toHaveLength(2);
    expect(waits).toEqual([3]);
  });

  it('GitLab: a GET answered 503 without Retry-After backs off in seconds, doubling', async () => {
    for (let i = 0; i < 2; i++) {
      gitlab.failNext('GET', '/repository/branches/main', {
        status: 503,
        body: { message: '503 Service Unavailable' },
      });
    }
    const { repository } = await factory()(repoUrl('gitlab.example.test'));

    await repository.branchHead('main');

    expect(waits).toEqual([1, 2]);
  });

  it.each([502, 503])(
    'GitLab: a POST answered %i is not retried, so no commit is made twice',
    async status => {
      gitlab.failNext('POST', '/repository/commits', {
        status,
        body: { message: `${status} upstream failure` },
      });
      const { repository } = await factory()(repoUrl('gitlab.example.test'));
      const main = gitlab.repos.get(project)!.branches.get('main')!;

      const error = await repository
        .commitChanges({
          branch: 'mesh/east-1',
          branchExists: false,
          parent: main,
          reset: true,
          message: 'Istio mesh for cluster east-1',
          changes: [
            { action: 'create', path: 'clusters/east-1/a.yaml', content: 'a' },
          ],
        })
        .catch(e => e);

      expect(error.message).toBe(
        `Creating the commit failed (HTTP ${status}): ${status} upstream failure`,
      );
      expect(gitlab.requests.filter(r => r.method === 'POST')).toHaveLength(1);
      expect(waits).toEqual([]);
    },
  );
});
