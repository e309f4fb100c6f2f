import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  MeshClusterSpec,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';
import {
  GithubContractServer,
  startGithubContractServer,
} from './__testUtils__/githubContractServer';
import { createMemoryCheckpoint } from './__testUtils__/memoryCheckpoint';
import { testClientLimits } from './__testUtils__/testClientLimits';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';
import { readMergedChange } from './mergedChange';
import { planPullRequest } from './planPullRequest';
import { validateProposedBundle } from './proposedBundleValidation';
import { syncPullRequest } from './syncPullRequest';

const token = 'ghp_contractTokenForWhatChanges0001';
const repoName = 'platform/mesh-gitops';
const GOLDEN_DIR = path.join(
  __dirname,
  '__fixtures__',
  'golden',
  'what-changes',
);
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/**
 * east-1 of the example 3-cluster mesh: Helm install, Argo CD, an east-west gateway. Without a
 * Prometheus stack or tracing, so the bodies hold only what these changes touch, not monitoring.
 */
function east1(edit: (input: Record<string, any>) => void = () => {}) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.gitops.repoUrl = 'https://github.example.test/platform/mesh-gitops';
  input.observability = {
    prometheus: { stack: 'none' },
    tracing: { backend: 'none' },
  };
  edit(input);
  return parseMeshClusterSpec(input);
}

const cases: Array<[string, MeshClusterSpec]> = [
  [
    'istio-patch-upgrade',
    east1(s => {
      s.istio.version = '1.30.4';
    }),
  ],
  [
    'injection-namespace-removed',
    east1(s => {
      s.istio.injectionNamespaces = ['shop'];
    }),
  ],
  [
    'gateway-port-change',
    east1(s => {
      s.eastWestGateway.ports = { crossNetworkTlsPort: 15444 };
    }),
  ],
];

describe('the pull request body says what changes compared with the base branch', () => {
  let server: GithubContractServer;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startGithubContractServer({ token });
  });
  afterAll(() => server.close());
  afterEach(() => {
    for (const dir of dirs.splice(0)) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  async function planFor(spec: MeshClusterSpec) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-what-changes-'));
    dirs.push(dir);
    const bundle = renderMeshBundle(spec);
    await writeBundle(bundle, dir);
    return planPullRequest({
      bundleDir: dir,
      spec,
      // As the action passes it: its own check of the bundle it proposes.
      validation: await validateProposedBundle(dir),
      owner: 'group:default/platform-team',
    });
  }

  async function repositoryWithBase() {
    const base = await planFor(east1());
    server.repos.clear();
    server.pulls.clear();
    server.addRepository(
      repoName,
      Object.fromEntries(base.files.map(f => [f.path, f.content])),
    );
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
    return repository;
  }

  function expectGolden(name: string, body: string) {
    const file = path.join(GOLDEN_DIR, `${name}.md`);
    if (UPDATE) fs.writeFileSync(file, body);
    expect(body).toBe(fs.readFileSync(file, 'utf8'));
  }

  const whatChangesOf = (body: string) =>
    body.slice(body.indexOf('### What changes'), body.indexOf('### Objects'));

  it.each(cases)(
    '%s: the opened pull request body matches its golden file',
    async (name, spec) => {
      // GIVEN the example mesh's east-1 folder merged on main
      const repository = await repositoryWithBase();
      // WHEN a changed spec is proposed
      const outcome = await syncPullRequest({
        repository,
        checkpoint: createMemoryCheckpoint().checkpoint,
        checkpointPrefix: name,
        plan: await planFor(spec),
      });
      // THEN one pull request is opened and its body is the golden one
      expect(outcome.result).toBe('created');
      const [pull] = server.pulls.get(repoName)!;
      expectGolden(name, pull.body!);
    },
    120_000,
  );

  it('names exactly the changed spec field and its impact for an Istio patch upgrade', async () => {
    const body = fs.readFileSync(
      path.join(GOLDEN_DIR, 'istio-patch-upgrade.md'),
      'utf8',
    );
    const section = whatChangesOf(body);
    expect(section).toContain('- `istio.version`: `1.30.3` → `1.30.4`');
    expect(section).toContain('istiod restarts');
    expect(section).not.toContain('Objects removed');
  });

  it('opens with the deleted namespace in bold when an injection namespace is removed', () => {
    const body = fs.readFileSync(
      path.join(GOLDEN_DIR, 'injection-namespace-removed.md'),
      'utf8',
    );
    expect(body.startsWith('### Deletes\n')).toBe(true);
    const section = whatChangesOf(body);
    expect(section.split('\n')[2]).toBe(
      '- **Deletes Namespace `payments` (clusters/east-1/namespaces.yaml)**',
    );
    expect(section).toContain(
      '- `istio.injectionNamespaces`: `[shop, payments]` → `[shop]`',
    );
  });

  it('notes the LoadBalancer address risk of a gateway port change', () => {
    const section = whatChangesOf(
      fs.readFileSync(path.join(GOLDEN_DIR, 'gateway-port-change.md'), 'utf8'),
    );
    expect(section).toMatch(
      /Gateway `gateway-istio-eastwestgateway` Service type or ports change \(`service\.ports\[\d\]\.port`.*\): a LoadBalancer may get a new address\./,
    );
  });

  it('a re-run of an open pull request still compares with the base branch, so nothing is edited', async () => {
    // GIVEN the Istio patch upgrade proposed once
    const repository = await repositoryWithBase();
    const spec = cases[0][1];
    const sync = async (prefix: string) =>
      syncPullRequest({
        repository,
        checkpoint: createMemoryCheckpoint().checkpoint,
        checkpointPrefix: prefix,
        plan: await planFor(spec),
      });
    expect((await sync('first')).result).toBe('created');
    const [opened] = server.pulls.get(repoName)!;
    const body = opened.body;
    // WHEN the same change is proposed again
    const again = await sync('second');
    // THEN no commit and no edit: the body still says what changes against main
    expect(again).toMatchObject({ result: 'unchanged', changes: [] });
    expect(again.commit).toBeUndefined();
    expect(server.pulls.get(repoName)!.map(p => p.body)).toEqual([body]);
    expect(body).toContain('- `istio.version`: `1.30.3` → `1.30.4`');
  });

  it('a no-op is reported unchanged, makes no commit and opens nothing', async () => {
    // GIVEN main already holds exactly what the spec renders
    const repository = await repositoryWithBase();
    const plan = await planFor(east1());
    // WHEN it is proposed again
    const outcome = await syncPullRequest({
      repository,
      checkpoint: createMemoryCheckpoint().checkpoint,
      checkpointPrefix: 'no-op',
      plan,
    });
    // THEN nothing is written, and the body it would have says nothing changes
    expect(outcome).toMatchObject({ result: 'unchanged', changes: [] });
    expect(outcome.commit).toBeUndefined();
    expect(server.pulls.get(repoName) ?? []).toEqual([]);
    const head = (await repository.branchHead('main'))!;
    const merged = await readMergedChange(repository, plan, {
      baseHead: head,
      parent: head,
      current: await repository.listFiles(head, plan.targetPath),
    });
    expectGolden('no-op', plan.content('main', [], merged).body);
  });
});
