import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import {
  clusterTree,
  writeBundleInto,
} from '../gitops/__testUtils__/bundleFixture';
import { createMemoryCheckpoint } from '../gitops/__testUtils__/memoryCheckpoint';
import {
  GitContractServers,
  startGitContractServers,
} from '../gitops/__testUtils__/startGitContractServers';
import { createMeshGitopsPullRequestAction } from './gitopsPullRequest';

const githubToken = 'ghp_leakCanaryGithubToken0123456789';
const gitlabToken = 'glpat-leakCanaryGitlabToken0123';

/** A logger that keeps every line with its metadata, so the test can search what a task log would show. */
function capturingLogger(lines: string[]): any {
  const keep = (level: string) => (message: unknown, meta?: unknown) => {
    lines.push(JSON.stringify({ level, message: String(message), meta }));
  };
  const logger = {
    error: keep('error'),
    warn: keep('warn'),
    info: keep('info'),
    debug: keep('debug'),
    child: () => logger,
  };
  return logger;
}

describe('mesh:gitops:pull-request', () => {
  const mockDir = createMockDirectory();
  let servers: GitContractServers;

  beforeAll(async () => {
    servers = await startGitContractServers({ githubToken, gitlabToken });
  });
  afterAll(() => servers.close());
  beforeEach(() => {
    mockDir.clear();
    writeBundleInto(mockDir.path, 'east-1');
  });

  it('dry-run shows branch, title, body and files with no credentials configured and no call made', async () => {
    const clientFactory = jest.fn();
    const action = createMeshGitopsPullRequestAction({
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      clientFactory,
    });
    const ctx = createMockActionContext({
      input: {
        repoUrl: 'github.com?owner=platform&repo=mesh-gitops',
        spec: {
          cluster: { name: 'east-1' },
          istio: { version: '1.29.2', installMethod: 'istioctl' },
        },
      },
      workspacePath: mockDir.path,
      user: { ref: 'user:default/alice' },
    });
    // createMockActionContext does not copy isDryRun or checkpoint from its options.
    ctx.isDryRun = true;

    await action.handler(ctx as any);

    expect(clientFactory).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('result', 'planned');
    expect(ctx.output).toHaveBeenCalledWith('branch', 'mesh/east-1');
    expect(ctx.output).toHaveBeenCalledWith('baseBranch', 'main');
    expect(ctx.output).toHaveBeenCalledWith(
      'title',
      'Istio 1.29.2 mesh for cluster east-1',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      'clusters/east-1/catalog-info.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'clusters/east-1/README.md',
      'clusters/east-1/catalog-info.yaml',
      'clusters/east-1/istio/peer-authentication.yaml',
      'clusters/east-1/istio/values-istiod.yaml',
      'clusters/east-1/kustomization.yaml',
      'clusters/east-1/observability/pod-monitor.yaml',
      'clusters/east-1/observability/telemetry.yaml',
      'clusters/east-1/policy/network-policy.yaml',
    ]);
    const body = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'body',
    )[1];
    expect(body).toContain('- Istio version: `1.29.2`');
    expect(body).toContain('- Install method: `istioctl`');
    expect(body).toContain('`kubectl apply -k clusters/east-1`');
    expect(body).toContain(
      '✅ Valid: every object passed its schema and the mesh rules.',
    );
    // Given no notes, the body has no section for them.
    expect(body).not.toContain('Notes for the reviewer');
  });

  it.each([
    ['GitHub', 'github.example.test', () => servers.github.pulls],
    ['GitLab', 'gitlab.example.test', () => servers.gitlab.mergeRequests],
  ])(
    "lists the caller's notes in the %s request body, escaped, between the facts and what changes",
    async (_host, host, requests) => {
      // GIVEN an upgrade stage's notes, one of them trying to inject Markdown
      servers.github.addRepository('platform/notes', clusterTree('west-1'));
      servers.gitlab.addRepository('platform/notes', clusterTree('west-1'));
      const action = createMeshGitopsPullRequestAction({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({ integrations: servers.integrationsConfig }),
        ),
      });
      const ctx = createMockActionContext({
        input: {
          repoUrl: `${host}?owner=platform&repo=notes`,
          notes: [
            'namespace payments now follows tag canary: restart its workloads',
            'fine\n## Approved\n<details>[x](https://evil.example/) @admins',
          ],
        },
        workspacePath: mockDir.path,
        user: { ref: 'user:default/alice' },
      });
      ctx.checkpoint = createMemoryCheckpoint().checkpoint;

      // WHEN the action proposes the bundle
      await action.handler(ctx as any);

      // THEN the request's body holds the notes as one list, before what changes
      const [request] = requests().get('platform/notes')! as any[];
      const body: string = request.body ?? request.description;
      expect(body).toContain(
        [
          '### Notes for the reviewer',
          '',
          '- namespace payments now follows tag canary: restart its workloads',
          '- fine \\#\\# Approved \\<details\\>\\[x\\]\\(https://evil.example/\\) \\@admins',
          '',
          '### What changes',
        ].join('\n'),
      );
      expect(body).not.toMatch(/^## Approved/m);
    },
  );

  it('dry-run works for a host without any integration', async () => {
    const action = createMeshGitopsPullRequestAction({
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
    const ctx = createMockActionContext({
      input: {
        repoUrl: 'gitlab.internal.example?owner=platform&repo=mesh-gitops',
        owner: 'group:default/platform',
      },
      workspacePath: mockDir.path,
    });
    ctx.isDryRun = true;
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('result', 'planned');
  });

  it('puts a kubernetes-cluster Resource with the mesh annotations into the request', async () => {
    const action = createMeshGitopsPullRequestAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({ integrations: servers.integrationsConfig }),
      ),
    });
    servers.github.addRepository('platform/catalog-check', {
      'README.md': 'x\n',
    });
    const ctx = createMockActionContext({
      input: {
        repoUrl: 'github.example.test?owner=platform&repo=catalog-check',
        system: 'system:default/prod-mesh',
      },
      workspacePath: mockDir.path,
      user: { ref: 'user:default/alice' },
    });
    await action.handler(ctx as any);
    const files = servers.github.repos
      .get('platform/catalog-check')!
      .files('mesh/east-1');
    expect(files['clusters/east-1/catalog-info.yaml']).toBe(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Resource',
        'metadata:',
        '  name: east-1',
        '  description: Kubernetes cluster east-1 with an Istio service mesh',
        '  annotations:',
        '    backstage.io/kubernetes-cluster: east-1',
        '    mesh.backstage.io/cluster-name: east-1',
        '  tags:',
        '    - istio',
        '    - service-mesh',
        'spec:',
        '  type: kubernetes-cluster',
        '  owner: user:default/alice',
        '  system: system:default/prod-mesh',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['clusters', 'the root holds every cluster'],
    ['clusters/', 'the root holds every cluster'],
    ['.github/workflows', 'outside the root'],
    ['meshes/east-1', 'outside the root'],
  ])(
    'refuses targetPath %s (%s), naming the field, before any host is contacted',
    async targetPath => {
      const action = createMeshGitopsPullRequestAction({
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      });
      const ctx = createMockActionContext({
        input: {
          repoUrl: 'github.com?owner=o&repo=r',
          targetPath,
          owner: 'group:default/p',
        },
        workspacePath: mockDir.path,
      });
      ctx.isDryRun = true;
      await expect(action.handler(ctx as any)).rejects.toThrow(
        /^targetPath must be a folder under clusters\/ \(such as clusters\/east-1\)/,
      );
    },
  );

  it('refuses a target path that would reach outside the cluster folder', async () => {
    const action = createMeshGitopsPullRequestAction({
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
    const ctx = createMockActionContext({
      input: {
        repoUrl: 'github.com?owner=o&repo=r',
        targetPath: 'clusters/../',
        owner: 'group:default/p',
      },
      workspacePath: mockDir.path,
    });
    ctx.isDryRun = true;
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'targetPath must be a relative folder inside the repository such as clusters/east-1',
    );
  });

  it.each([
    [
      'GitHub',
      'github.example.test?owner=platform&repo=leak-check',
      () =>
        servers.github.addRepository(
          'platform/leak-check',
          clusterTree('west-1'),
        ),
    ],
    [
      'GitLab',
      'gitlab.example.test?owner=platform&repo=leak-check',
      () =>
        servers.gitlab.addRepository(
          'platform/leak-check',
          clusterTree('west-1'),
        ),
    ],
  ])(
    'never shows the %s token in files, commits, bodies, logs, outputs or errors',
    async (_host, repoUrl, seed) => {
      const repo = seed();
      const lines: string[] = [];
      const outputs: unknown[] = [];
      const errors: string[] = [];
      const action = createMeshGitopsPullRequestAction({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({ integrations: servers.integrationsConfig }),
        ),
      });
      const checkpointStates: unknown[] = [];
      const runOnce = async (input: Record<string, unknown>) => {
        const ctx = createMockActionContext({
          input: {
            repoUrl,
            labels: ['mesh'],
            ...input,
          },
          workspacePath: mockDir.path,
          logger: capturingLogger(lines),
          user: { ref: 'user:default/alice' },
        });
        const { checkpoint, values } = createMemoryCheckpoint();
        ctx.checkpoint = checkpoint;
        checkpointStates.push(values);
        try {
          await action.handler(ctx as any);
        } catch (error) {
          const e = error as Error;
          errors.push(
            `${e.name}: ${e.message}\n${e.stack}\n${JSON.stringify(e)}`,
          );
        }
        outputs.push(...(ctx.output as jest.Mock).mock.calls);
      };

      await runOnce({});
      fs.appendFileSync(
        path.join(mockDir.path, 'clusters/east-1/README.md'),
        'changed\n',
      );
      await runOnce({});
      await runOnce({ repoUrl: repoUrl.replace('leak-check', 'missing-repo') });
      await runOnce({ baseBranch: 'no-such-branch' });

      expect(errors).toHaveLength(2);
      expect(errors[0]).toMatch(
        /^GitHostError: Reading the Git(Hub repository|Lab project) failed \(HTTP 404\)/,
      );
      expect(errors[1]).toContain(
        'InputError: baseBranch: branch "no-such-branch" does not exist in the repository',
      );
      expect(lines.some(l => l.includes('Pull request updated'))).toBe(true);
      const everything = [
        ...[...repo.branches.keys()].flatMap(b => Object.values(repo.files(b))),
        ...[...repo.branches.values()].map(
          sha => repo.store.commit(sha)!.message,
        ),
        JSON.stringify([
          ...servers.github.pulls.values(),
          ...servers.gitlab.mergeRequests.values(),
        ]),
        JSON.stringify([
          ...servers.github.requests,
          ...servers.gitlab.requests,
        ]),
        JSON.stringify(
          checkpointStates.map(v => [...(v as Map<string, unknown>).entries()]),
        ),
        ...lines,
        JSON.stringify(outputs),
        ...errors,
        ...fs.readdirSync(mockDir.path, { recursive: true }).map(String),
      ].join('\n');
      expect(lines.some(l => l.includes('Pull request created'))).toBe(true);
      expect(everything).toContain('mesh/east-1');
      expect(everything).not.toContain(githubToken);
      expect(everything).not.toContain(gitlabToken);
      expect(everything).not.toContain('leakCanary');
    },
  );
});
