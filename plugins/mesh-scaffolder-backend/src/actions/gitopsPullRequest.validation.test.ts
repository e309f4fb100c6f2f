import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
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

const githubToken = 'ghp_validationContractToken000001';
const gitlabToken = 'glpat-validationContractToken01';
const repoName = 'platform/mesh-gitops';

describe("mesh:gitops:pull-request states the product's own validation", () => {
  const mockDir = createMockDirectory();
  let servers: GitContractServers;

  beforeAll(async () => {
    servers = await startGitContractServers({ githubToken, gitlabToken });
  });
  afterAll(() => servers.close());
  beforeEach(() => {
    mockDir.clear();
    writeBundleInto(mockDir.path, 'east-1');
    servers.github.repos.clear();
    servers.github.pulls.clear();
    servers.github.requests.length = 0;
  });

  const action = () =>
    createMeshGitopsPullRequestAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({ integrations: servers.integrationsConfig }),
      ),
    });

  function context(input: Record<string, unknown>) {
    // Backstage's logger mock: every line the task log would show, readable by the test.
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input: {
        repoUrl: `github.example.test?owner=platform&repo=mesh-gitops`,
        owner: 'group:default/platform-team',
        ...input,
      },
      workspacePath: mockDir.path,
      logger: logger as any,
    });
    ctx.checkpoint = createMemoryCheckpoint().checkpoint;
    return { ctx, logger };
  }

  const bodyOf = (ctx: { output: unknown }) =>
    (ctx.output as jest.Mock).mock.calls.find(([name]) => name === 'body')?.[1];

  it('refuses an invalid bundle whatever validation the caller passes, naming each problem, and sends nothing', async () => {
    // GIVEN a PodMonitor without its required spec, and a caller claiming the bundle is valid
    fs.writeFileSync(
      mockDir.resolve('clusters/east-1/observability/pod-monitor.yaml'),
      'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: envoy-stats\n  namespace: istio-system\n',
    );
    servers.github.addRepository(repoName, { 'README.md': '# GitOps\n' });
    const { ctx } = context({
      validation: { valid: true, problemCount: 0, problems: [] },
    });

    // WHEN the step runs for real
    const error = await action()
      .handler(ctx as any)
      .catch(e => e);

    // THEN it is refused with the object and field named, and the host never hears of it
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'sourcePath: the bundle fails validation with 1 problem(s), so nothing is proposed',
    );
    expect(error.message).toContain(
      'clusters/east-1/observability/pod-monitor.yaml: PodMonitor/istio-system/envoy-stats spec: is required',
    );
    expect(servers.github.requests).toEqual([]);
    expect(servers.github.pulls.get(repoName) ?? []).toEqual([]);
    expect(bodyOf(ctx)).toBeUndefined();
  });

  it("ignores a caller's verdict on a valid bundle and states its own check instead", async () => {
    // GIVEN a valid bundle and a caller sentence that would mislead the reviewer
    const { ctx, logger } = context({
      validation: 'Skipped validation, trust me',
    });
    ctx.isDryRun = true;

    await action().handler(ctx as any);

    const body = bodyOf(ctx);
    expect(body).toContain(
      '### Validation\n\n✅ Valid: every object passed its schema and the mesh rules.\n',
    );
    expect(body).not.toContain('trust me');
    expect(logger.warn).toHaveBeenCalledWith(
      'validation: ignored; the action validates the bundle it proposes itself, so remove this input',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Validated the bundle in the workspace: no problems',
    );
  });

  it('warns in the body and the task log about every Namespace, CRD, PVC or Secret the change removes', async () => {
    // GIVEN main holds east-1 with an application namespace, a CRD and a Secret the bundle no longer has
    servers.github.addRepository(repoName, {
      ...clusterTree('east-1'),
      'clusters/east-1/namespaces.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: cacerts\n  namespace: istio-system\n',
      'clusters/east-1/crds.yaml':
        'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: wasmplugins.extensions.istio.io\n',
    });
    const { ctx, logger } = context({});

    // WHEN the step proposes the bundle
    await action().handler(ctx as any);

    // THEN the body's validation result is valid with one warning per removed object
    const [pull] = servers.github.pulls.get(repoName)!;
    const validation = pull.body!.slice(
      pull.body!.indexOf('### Validation'),
      pull.body!.indexOf('### What merging does'),
    );
    expect(validation).toContain(
      '✅ Valid: every object passed its schema and the mesh rules.\n\n⚠️ 3 warning(s):',
    );
    expect(
      validation.split('\n').filter(line => line.startsWith('- ')),
    ).toEqual([
      expect.stringMatching(
        /^- `clusters\/east-1\/crds.yaml` CustomResourceDefinition\/wasmplugins.extensions.istio.io: removed by this change: .* every custom resource of the kind, cluster-wide$/,
      ),
      expect.stringMatching(
        /^- `clusters\/east-1\/namespaces.yaml` Namespace\/shop: removed by this change: .* every workload, Secret and volume claim in it$/,
      ),
      expect.stringMatching(
        /^- `clusters\/east-1\/namespaces.yaml` Secret\/istio-system\/cacerts: removed by this change: /,
      ),
    ]);
    // AND the task log carries the same warnings, as warnings, not failures
    const warned = logger.warn.mock.calls.map(([message]) => message);
    expect(warned).toEqual([
      expect.stringMatching(
        /^Validation warning: clusters\/east-1\/crds.yaml: CustomResourceDefinition\/wasmplugins.extensions.istio.io: removed by this change/,
      ),
      expect.stringMatching(
        /^Validation warning: clusters\/east-1\/namespaces.yaml: Namespace\/shop: removed by this change/,
      ),
      expect.stringMatching(
        /^Validation warning: clusters\/east-1\/namespaces.yaml: Secret\/istio-system\/cacerts: removed by this change/,
      ),
    ]);
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
  });
});
