import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  MESH_CLUSTER_DOCUMENT_FILE,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { createMeshGitopsPullRequestAction } from '../actions/gitopsPullRequest';
import { writeBundle } from '../bundle/writeBundle';
import { runMeshBundle } from '../cli/__testUtils__/runMeshBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';
import {
  GithubContractServer,
  startGithubContractServer,
} from './__testUtils__/githubContractServer';
import { createCommitBarrier } from './__testUtils__/commitBarrier';
import { createMemoryCheckpoint } from './__testUtils__/memoryCheckpoint';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';

jest.setTimeout(180_000);

const token = 'ghp_contractTokenForMeshWide000001';
const repoName = 'platform/mesh-gitops';
const repoUrl = 'github.example.test?owner=platform&repo=mesh-gitops';
const members = ['east-1', 'west-1', 'central-1'];

/** The example 3-cluster mesh as the form submits it, edited. */
function exampleMesh(edit: (input: Record<string, any>) => void = () => {}) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  edit(input);
  return input;
}

const withNorth = (input: Record<string, any>) => {
  input.multiCluster.clusters.push({
    name: 'north-1',
    network: 'net-north',
    role: 'primary',
    eastWestGatewayAddress: '203.0.113.40',
  });
};

/** Checks a branch's tree out of the contract server's object store, as `git clone` would. */
function checkOut(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-wide-checkout-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('a mesh-wide change through mesh:gitops:pull-request (GitHub contract server)', () => {
  const tempDirs: string[] = [];
  let server: GithubContractServer;

  beforeAll(async () => {
    server = await startGithubContractServer({ token });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.repos.clear();
    server.pulls.clear();
    server.addRepository(repoName, { 'README.md': '# GitOps\n' });
  });
  afterEach(() => {
    for (const dir of tempDirs.splice(0)) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const repo = () => server.repos.get(repoName)!;
  const openPulls = () =>
    server.pulls.get(repoName)!.filter(p => p.state === 'open');

  const integrations = () =>
    ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: 'github.example.test', apiBaseUrl: server.baseUrl, token },
          ],
        },
      }),
    );

  /**
   * One task step: the spec rendered into a workspace, then the action run on it. `barrier`
   * holds its commit until a second run reaches its own.
   */
  async function propose(
    spec: Record<string, any>,
    barrier?: ReturnType<typeof createCommitBarrier>,
  ) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-wide-workspace-'));
    tempDirs.push(dir);
    await writeBundle(renderMeshBundle(parseMeshClusterSpec(spec)), dir);
    const hostClient = createGitopsRepositoryFactory({
      integrations: integrations(),
    });
    const action = createMeshGitopsPullRequestAction({
      integrations: integrations(),
      clientFactory: async url => {
        const client = await hostClient(url);
        return barrier
          ? { ...client, repository: barrier.wrap(client.repository) }
          : client;
      },
    });
    const ctx = createMockActionContext({
      input: { repoUrl, spec, owner: 'group:default/platform-team' },
      workspacePath: dir,
    });
    ctx.checkpoint = createMemoryCheckpoint().checkpoint;
    await action.handler(ctx as any);
    return new Map((ctx.output as jest.Mock).mock.calls as [string, any][]);
  }

  async function merged(spec: Record<string, any>) {
    const outputs = await propose(spec);
    server.mergePullRequest(repoName, outputs.get('number'));
  }

  /** The clusters each member folder's spec document lists, by folder. */
  function documentedMembers(files: Record<string, string>) {
    return Object.fromEntries(
      Object.entries(files)
        .filter(([file]) => file.endsWith(`/${MESH_CLUSTER_DOCUMENT_FILE}`))
        .map(([file, text]) => [
          path.posix.dirname(file),
          yaml
            .parse(text)
            .spec.multiCluster.clusters.map((c: { name: string }) => c.name),
        ]),
    );
  }

  it('adds a fourth cluster in one run: one pull request updating every member folder consistently', async () => {
    // GIVEN the example 3-cluster mesh merged on main
    await merged(exampleMesh());
    expect(Object.keys(documentedMembers(repo().files('main')))).toEqual(
      members.map(m => `clusters/${m}`).sort(),
    );

    // WHEN one run proposes the mesh with a fourth cluster
    const outputs = await propose(exampleMesh(withNorth));

    // THEN there is one open pull request, on the mesh's branch
    expect(outputs.get('result')).toBe('created');
    expect(outputs.get('branch')).toBe('meshes/prod-mesh');
    expect(openPulls()).toHaveLength(1);
    const [pull] = openPulls();
    expect(pull.head).toBe('meshes/prod-mesh');
    expect(pull.title).toBe(
      'Istio 1.30.3 mesh prod-mesh: clusters east-1, west-1, central-1, north-1',
    );
    // AND all four member folders are in it, each with its catalog entity and a spec document
    // that lists the same four clusters
    const files = repo().files('meshes/prod-mesh');
    const all = [...members, 'north-1'];
    expect(documentedMembers(files)).toEqual(
      Object.fromEntries(all.map(m => [`clusters/${m}`, all])),
    );
    for (const member of all) {
      expect(
        yaml.parse(files[`clusters/${member}/catalog-info.yaml`]).metadata.name,
      ).toBe(member);
    }
    // AND the body shows one "What changes" view with a heading per cluster
    for (const member of members) {
      expect(pull.body!).toContain(
        `#### Cluster \`${member}\` (\`clusters/${member}/\`)`,
      );
    }
    expect(pull.body!).toContain(
      '#### Cluster `north-1` (`clusters/north-1/`)',
    );
    expect(pull.body!).toContain('- `north-1` → `clusters/north-1/`');
    expect(pull.body!.length).toBeLessThanOrEqual(65_536);

    // AND mesh-bundle check passes on the pull request's tree
    const checkout = checkOut(files);
    tempDirs.push(checkout);
    const check = await runMeshBundle('check', checkout);
    // AND an identical re-run changes neither the branch nor the body
    const head = repo().branches.get('meshes/prod-mesh');
    expect((await propose(exampleMesh(withNorth))).get('result')).toBe(
      'unchanged',
    );
    expect(repo().branches.get('meshes/prod-mesh')).toBe(head);
    expect(openPulls().map(p => p.body)).toEqual([pull.body]);
    expect(check).toEqual({
      code: 0,
      stdout:
        '4 cluster folders match their spec documents: clusters/central-1, clusters/east-1, clusters/north-1, clusters/west-1\n',
      stderr: '',
    });
  });

  it('removes a member: its folder is deleted in the same pull request and the Deletes section lists what goes', async () => {
    // GIVEN the four-cluster mesh merged on main
    await merged(exampleMesh(withNorth));

    // WHEN one run proposes the mesh without north-1
    await propose(exampleMesh());

    // THEN the pull request deletes north-1's folder and updates the other three
    const files = repo().files('meshes/prod-mesh');
    expect(
      Object.keys(files).filter(f => f.startsWith('clusters/north-1/')),
    ).toEqual([]);
    expect(documentedMembers(files)).toEqual(
      Object.fromEntries(members.map(m => [`clusters/${m}`, members])),
    );
    const [pull] = openPulls();
    // AND the body opens with what the removal deletes, north-1's namespaces among it
    expect(pull.body!.startsWith('### Deletes')).toBe(true);
    const deletes = pull.body!.slice(0, pull.body!.indexOf('## Istio mesh'));
    expect(deletes).toMatch(
      /- Namespace istio-system \(from clusters\/north-1\/[^)]+\)/,
    );
    expect(deletes).not.toMatch(/clusters\/(east|west|central)-1\//);
    expect(pull.body!).toContain(
      '- `north-1` → `clusters/north-1/`: **removed from the mesh, its folder is deleted**',
    );
    expect(pull.body!).toContain(
      '#### Removed cluster `north-1` (`clusters/north-1/`)',
    );
    const checkout = checkOut(files);
    tempDirs.push(checkout);
    expect((await runMeshBundle('check', checkout)).code).toBe(0);
  });

  it('changes the mesh ID and trust domain on every member through the same path', async () => {
    await merged(exampleMesh());

    const outputs = await propose(
      exampleMesh(input => {
        input.mesh = { id: 'prod-mesh-2', trustDomain: 'prod2.example.com' };
      }),
    );

    expect(outputs.get('branch')).toBe('meshes/prod-mesh-2');
    const files = repo().files('meshes/prod-mesh-2');
    for (const member of members) {
      const { spec } = yaml.parse(
        files[`clusters/${member}/${MESH_CLUSTER_DOCUMENT_FILE}`],
      );
      expect(spec.mesh).toEqual({
        id: 'prod-mesh-2',
        trustDomain: 'prod2.example.com',
      });
    }
    const [pull] = openPulls();
    const fieldLines = pull
      .body!.split('\n')
      .filter(l => l.startsWith('- `mesh.'));
    expect(fieldLines).toEqual(
      members.flatMap(() => [
        '- `mesh.id`: `prod-mesh` → `prod-mesh-2`',
        '- `mesh.trustDomain`: `prod.example.com` → `prod2.example.com`',
      ]),
    );
    const checkout = checkOut(files);
    tempDirs.push(checkout);
    expect((await runMeshBundle('check', checkout)).code).toBe(0);
  });

  it('lets one of two concurrent runs for the mesh win; the other reports the race on the mesh branch', async () => {
    // GIVEN the 3-cluster mesh merged, and two runs that read the same branch head before writing
    await merged(exampleMesh());
    const barrier = createCommitBarrier();
    const north = exampleMesh(withNorth);
    const otherDomain = exampleMesh(input => {
      input.mesh.trustDomain = 'other.example.com';
    });

    // WHEN both propose at once
    const outcomes = await Promise.allSettled([
      propose(north, barrier),
      propose(otherDomain, barrier),
    ]);

    // THEN one wins, the other stops naming the mesh branch, and the branch holds the winner only
    const lost = outcomes.filter(o => o.status === 'rejected');
    expect(lost).toHaveLength(1);
    expect(String((lost[0] as PromiseRejectedResult).reason)).toMatch(
      /another run is updating meshes\/prod-mesh; nothing of this run was pushed/,
    );
    const files = repo().files('meshes/prod-mesh');
    const northWon = outcomes[0].status === 'fulfilled';
    expect(Object.keys(documentedMembers(files))).toHaveLength(
      northWon ? 4 : 3,
    );
    expect(
      yaml.parse(files[`clusters/east-1/${MESH_CLUSTER_DOCUMENT_FILE}`]).spec
        .mesh.trustDomain,
    ).toBe(northWon ? 'prod.example.com' : 'other.example.com');
    expect(openPulls()).toHaveLength(1);
  });

  it('leaves a single-cluster spec on its own cluster branch', async () => {
    const outputs = await propose(
      loadExampleSpecInput('seed-001-rke2-otel-tempo'),
    );
    expect(outputs.get('branch')).toBe('mesh/dxlab-dt-01');
    expect(
      Object.keys(repo().files('mesh/dxlab-dt-01')).filter(f =>
        f.endsWith('catalog-info.yaml'),
      ),
    ).toEqual(['clusters/dxlab-dt-01/catalog-info.yaml']);
  });
});
