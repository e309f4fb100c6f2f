import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  MESH_CLUSTER_DOCUMENT_FILE,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';
import { clusterTree } from './__testUtils__/bundleFixture';
import {
  GitlabContractServer,
  startGitlabContractServer,
} from './__testUtils__/gitlabContractServer';
import { createMemoryCheckpoint } from './__testUtils__/memoryCheckpoint';
import { testClientLimits } from './__testUtils__/testClientLimits';
import { withFormerMembers } from './formerMeshMembers';
import { createGitopsRepositoryFactory } from './gitopsRepositoryFactory';
import { planMeshPullRequest } from './planMeshPullRequest';
import { syncPullRequest } from './syncPullRequest';

jest.setTimeout(120_000);

const token = 'glpat-contractTokenForMeshWide01';
const project = 'platform/mesh-gitops';

/** The example 3-cluster mesh, with north-1 as a fourth member when asked. */
function exampleMesh(withNorth: boolean) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  if (withNorth) {
    input.multiCluster.clusters.push({
      name: 'north-1',
      network: 'net-north',
      role: 'primary',
      eastWestGatewayAddress: '203.0.113.40',
    });
  }
  return parseMeshClusterSpec(input);
}

describe('a mesh-wide change removing a member (GitLab contract server)', () => {
  let server: GitlabContractServer;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startGitlabContractServer({ token });
  });
  afterAll(() => server.close());
  afterEach(() => {
    for (const dir of dirs.splice(0)) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  async function plan(withNorth: boolean) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-wide-gitlab-'));
    dirs.push(dir);
    const spec = exampleMesh(withNorth);
    await writeBundle(renderMeshBundle(spec), dir);
    return planMeshPullRequest({
      bundleDir: dir,
      spec,
      owner: 'group:default/platform-team',
    });
  }

  it('deletes the removed member folder in the one merge request and leaves other folders alone', async () => {
    // GIVEN the four-cluster mesh merged on main, beside a cluster of another mesh
    const merged = await plan(true);
    const repo = server.addRepository(project, {
      ...Object.fromEntries(merged.files.map(f => [f.path, f.content])),
      ...clusterTree('lab-1'),
    });
    const { repository } = await createGitopsRepositoryFactory({
      integrations: ScmIntegrations.fromConfig(
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
      ),
      ...testClientLimits,
    })('gitlab.example.test?owner=platform&repo=mesh-gitops');

    // WHEN the mesh without north-1 is proposed
    const proposed = await withFormerMembers(await plan(false), repository);
    const outcome = await syncPullRequest({
      repository,
      checkpoint: createMemoryCheckpoint().checkpoint,
      checkpointPrefix: `mesh-wide.gitlab.${project}`,
      plan: proposed,
    });

    // THEN one merge request from meshes/prod-mesh deletes exactly north-1's folder
    expect(outcome.result).toBe('created');
    const requests = server.mergeRequests.get(project)!;
    expect(requests.map(r => [r.sourceBranch, r.state])).toEqual([
      ['meshes/prod-mesh', 'opened'],
    ]);
    const main = repo.files('main');
    const branch = repo.files('meshes/prod-mesh');
    const deleted = Object.keys(main).filter(f => !(f in branch));
    expect(deleted.length).toBeGreaterThan(5);
    expect(deleted.every(f => f.startsWith('clusters/north-1/'))).toBe(true);
    expect(
      Object.keys(branch).filter(f => f.startsWith('clusters/north-1/')),
    ).toEqual([]);
    // AND the other mesh's cluster is untouched, and the three members agree on the mesh
    for (const file of Object.keys(clusterTree('lab-1'))) {
      expect(branch[file]).toBe(main[file]);
    }
    for (const member of ['east-1', 'west-1', 'central-1']) {
      const { spec } = yaml.parse(
        branch[`clusters/${member}/${MESH_CLUSTER_DOCUMENT_FILE}`],
      );
      expect(spec.multiCluster.clusters.map((c: any) => c.name)).toEqual([
        'east-1',
        'west-1',
        'central-1',
      ]);
    }
    // AND the deletions it reports (the task log's warnings) are north-1's, found in its folder
    // although the other members keep namespaces of the same names
    expect(outcome.deletes).toContainEqual(
      expect.objectContaining({
        kind: 'Namespace',
        name: 'istio-system',
        file: 'clusters/north-1/namespaces.yaml',
      }),
    );
    expect(
      outcome.deletes.every(d => d.file.startsWith('clusters/north-1/')),
    ).toBe(true);
    expect(requests[0].description).toContain(
      '#### Removed cluster `north-1` (`clusters/north-1/`)',
    );
  });
});
