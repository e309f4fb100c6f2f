import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import {
  GithubContractServer,
  startGithubContractServer,
} from './__testUtils__/githubContractServer';
import { createMemoryCheckpoint } from './__testUtils__/memoryCheckpoint';
import { testClientLimits } from './__testUtils__/testClientLimits';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';
import { planPullRequest } from './planPullRequest';
import { syncPullRequest } from './syncPullRequest';

const token = 'ghp_contractTokenForPruneTests0001';
const repoName = 'platform/mesh-gitops';
const seedSpec = path.resolve(
  __dirname,
  '../../../../examples/specs/seed-001-rke2-otel-tempo.yaml',
);

function specWith(engine: string, injectionNamespaces: string[]) {
  const raw = yaml.parse(fs.readFileSync(seedSpec, 'utf8'));
  raw.istio.injectionNamespaces = injectionNamespaces;
  raw.gitops = {
    engine,
    repoUrl: 'https://github.example.test/platform/mesh-gitops.git',
  };
  return parseMeshClusterSpec(raw);
}

describe('a namespace removed from the spec is never pruned and the pull request names it', () => {
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

  async function planFor(spec: ReturnType<typeof specWith>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-prune-'));
    dirs.push(dir);
    const bundle = renderMeshBundle(spec);
    await writeBundle(bundle, dir);
    const plan = await planPullRequest({
      bundleDir: dir,
      spec,
      owner: 'group:default/platform-team',
    });
    return { bundle, plan };
  }

  it.each(['argocd', 'flux'])(
    '%s: the injection namespace carries prune-off annotations and the PR opens with Deletes',
    async engine => {
      // GIVEN the tree of a spec with two injection namespaces on the repository's main branch
      const before = await planFor(specWith(engine, ['shop', 'payments']));
      server.repos.clear();
      server.pulls.clear();
      server.addRepository(
        repoName,
        Object.fromEntries(before.plan.files.map(f => [f.path, f.content])),
      );
      // THEN (a) the rendered Namespace tells Argo CD and Flux not to prune it
      const payments = before.bundle.objects.find(
        o =>
          o.object.kind === 'Namespace' &&
          o.object.metadata.name === 'payments',
      )!;
      expect(payments.object.metadata.annotations).toEqual({
        'argocd.argoproj.io/sync-options': 'Prune=false',
        'kustomize.toolkit.fluxcd.io/prune': 'disabled',
      });

      // WHEN the spec drops one of them and the change is proposed
      const after = await planFor(specWith(engine, ['shop']));
      const integrations = ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: 'github.example.test',
                apiBaseUrl: server.baseUrl,
                token,
              },
            ],
          },
        }),
      );
      const { repository } = await createGitopsRepositoryFactory({
        integrations,
        ...testClientLimits,
      })('github.example.test?owner=platform&repo=mesh-gitops');
      await syncPullRequest({
        repository,
        checkpoint: createMemoryCheckpoint().checkpoint,
        checkpointPrefix: 'prune-test',
        plan: after.plan,
      });

      // THEN (b) the pull request's body opens with a Deletes section naming the namespace
      const [pull] = server.pulls.get(repoName)!;
      const body = pull.body ?? '';
      expect(body.startsWith('### Deletes\n')).toBe(true);
      const deletes = body.slice(0, body.indexOf('## Istio mesh'));
      expect(deletes).toContain(
        '- Namespace payments (from clusters/dxlab-dt-01/namespaces.yaml)',
      );
      expect(deletes).not.toContain('Namespace shop');
    },
    // the first render compiles every template
    30_000,
  );
});
