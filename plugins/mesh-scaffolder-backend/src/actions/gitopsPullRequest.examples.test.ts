import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import {
  clusterTree,
  writeBundleInto,
} from '../gitops/__testUtils__/bundleFixture';
import {
  GitContractServers,
  startGitContractServers,
} from '../gitops/__testUtils__/startGitContractServers';
import { createMeshGitopsPullRequestAction } from './gitopsPullRequest';
import { examples } from './gitopsPullRequest.examples';

const githubToken = 'ghp_examplesContractToken000001';
const gitlabToken = 'glpat-examplesContractToken01';

describe('mesh:gitops:pull-request examples', () => {
  const mockDir = createMockDirectory();
  let servers: GitContractServers;

  beforeAll(async () => {
    servers = await startGitContractServers({ githubToken, gitlabToken });
  });
  afterAll(() => servers.close());

  beforeEach(() => {
    mockDir.clear();
    servers.github.repos.clear();
    servers.github.pulls.clear();
    servers.gitlab.repos.clear();
    servers.gitlab.mergeRequests.clear();
    servers.github.addRepository('platform/mesh-gitops', {
      'README.md': '# GitOps\n',
      ...clusterTree('west-1'),
    });
    servers.gitlab.addRepository('platform/mesh-gitops', {
      'README.md': '# GitOps\n',
      ...clusterTree('west-1'),
    });
  });

  // The examples name github.com and gitlab.com; here those hosts point at the contract servers.
  const action = () =>
    createMeshGitopsPullRequestAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: 'github.com',
                apiBaseUrl: servers.github.baseUrl,
                token: githubToken,
              },
            ],
            gitlab: [
              {
                host: 'gitlab.com',
                baseUrl: servers.gitlab.baseUrl,
                apiBaseUrl: `${servers.gitlab.baseUrl}/api/v4`,
                token: gitlabToken,
              },
            ],
          },
        }),
      ),
    });

  const runExample = async (i: number) => {
    const ctx = createMockActionContext({
      input: yaml.parse(examples[i].example).steps[0].input,
      workspacePath: mockDir.path,
    });
    await action().handler(ctx as any);
    return ctx;
  };

  it('proposes the only cluster to GitHub on the default branch', async () => {
    writeBundleInto(mockDir.path, 'east-1');
    const ctx = await runExample(0);
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      'https://github.example.test/platform/mesh-gitops/pull/1',
    );
    expect(ctx.output).toHaveBeenCalledWith('number', 1);
    expect(ctx.output).toHaveBeenCalledWith('baseBranch', 'main');
    expect(servers.github.pulls.get('platform/mesh-gitops')![0]).toMatchObject({
      head: 'mesh/east-1',
      base: 'main',
      draft: false,
    });
  });

  it("opens a GitLab merge request for the spec cluster with labels, reviewer and the action's own validation result", async () => {
    writeBundleInto(mockDir.path, 'east-1');
    const ctx = await runExample(1);
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
    expect(ctx.output).toHaveBeenCalledWith(
      'title',
      'Istio 1.30.3 mesh for cluster east-1',
    );
    const [mr] = servers.gitlab.mergeRequests.get('platform/mesh-gitops')!;
    expect(mr).toMatchObject({
      sourceBranch: 'mesh/east-1',
      labels: ['mesh', 'gitops'],
      reviewerIds: [7],
    });
    expect(mr.description).toContain('- Istio version: `1.30.3`');
    expect(mr.description).toContain('- Install method: `helm`');
    expect(mr.description).toContain(
      '### Validation\n\n✅ Valid: every object passed its schema and the mesh rules.',
    );
  });

  it('opens a draft pull request from a sub-folder bundle to a custom folder and base branch', async () => {
    writeBundleInto(mockDir.resolve('bundle'), 'lab-1');
    servers.github.repos
      .get('platform/mesh-gitops')!
      .branches.set(
        'develop',
        servers.github.repos.get('platform/mesh-gitops')!.branches.get('main')!,
      );
    const ctx = await runExample(2);
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      'clusters/lab/lab-1/catalog-info.yaml',
    );
    expect(servers.github.pulls.get('platform/mesh-gitops')![0]).toMatchObject({
      base: 'develop',
      draft: true,
      title: 'Mesh for the lab cluster',
    });
    const files = Object.keys(
      servers.github.repos.get('platform/mesh-gitops')!.files('mesh/lab-1'),
    );
    expect(files.filter(f => f.startsWith('clusters/lab/lab-1/'))).toHaveLength(
      8,
    );
  });

  it("lists an upgrade stage's notes for the reviewer in the pull request body", async () => {
    writeBundleInto(mockDir.path, 'east-1');
    const ctx = await runExample(3);
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
    const [pull] = servers.github.pulls.get('platform/mesh-gitops')!;
    expect(pull.title).toBe('Istio upgrade to 1.31.0, stage move');
    expect(pull.body).toContain(
      '### Notes for the reviewer\n\n' +
        '- namespace payments now follows tag canary: its workloads move to 1-31-0 only when restarted ' +
        '\\(kubectl rollout restart deployment,statefulset,daemonset -n payments\\)\n',
    );
  });
});
