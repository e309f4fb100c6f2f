import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';
import { planChangeRequest } from './planChangeRequest';
import { planMeshPullRequest } from './planMeshPullRequest';

const owner = 'group:default/platform-team';

function exampleMesh(edit: (input: Record<string, any>) => void = () => {}) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  edit(input);
  return parseMeshClusterSpec(input);
}

describe('planMeshPullRequest', () => {
  let dir: string;
  const spec = exampleMesh();
  beforeAll(async () => {
    // GIVEN the example 3-cluster mesh rendered into the workspace
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-wide-plan-'));
    await writeBundle(renderMeshBundle(spec), dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is what the action plans for a multi-cluster spec: every member folder on the mesh branch', async () => {
    const plan = await planChangeRequest({ bundleDir: dir, spec, owner });
    expect(plan.branch).toBe('meshes/prod-mesh');
    expect(plan.folders).toEqual([
      'clusters/east-1',
      'clusters/west-1',
      'clusters/central-1',
    ]);
    expect(plan.targetPath).toBe('clusters/east-1');
    expect(
      plan.files.filter(f => f.path.endsWith('catalog-info.yaml')),
    ).toHaveLength(3);
    // a dry-run body, without the base branch, lists the members and no change view
    const { body } = plan.content('main');
    expect(body).toContain('- `west-1` → `clusters/west-1/`');
    expect(body).not.toContain('### What changes');
  });

  it('gives a member whose only change is its catalog entity a heading of its own and lists the unchanged', async () => {
    const plan = await planMeshPullRequest({ bundleDir: dir, spec, owner });
    const entity = 'clusters/west-1/catalog-info.yaml';
    const { body } = plan.content('main', [], {
      changes: [
        {
          action: 'update',
          path: entity,
          content: plan.files.find(f => f.path === entity)!.content,
        },
      ],
      previous: new Map([[entity, 'kind: Resource\n']]),
    });
    expect(body).toContain(
      [
        '#### Cluster `west-1` (`clusters/west-1/`)',
        '',
        'Only files without cluster objects change (1; see the diff).',
        '',
        'Unchanged: `east-1`, `central-1`.',
      ].join('\n'),
    );
  });

  it("refuses a bundle that does not render the spec's members", async () => {
    const fourMembers = exampleMesh(input => {
      input.multiCluster.clusters.push({
        name: 'north-1',
        network: 'net-north',
        eastWestGatewayAddress: '203.0.113.40',
      });
    });
    await expect(
      planMeshPullRequest({ bundleDir: dir, spec: fourMembers, owner }),
    ).rejects.toThrow(
      "sourcePath: the bundle renders central-1, east-1, west-1 but the spec's mesh has east-1, west-1, central-1, north-1; render the spec again (mesh:bundle:render)",
    );
  });

  it.each([
    [
      { cluster: 'lab-9' },
      /^cluster: "lab-9" is not a member of mesh prod-mesh/,
    ],
    [
      { targetPath: 'clusters/elsewhere' },
      /^targetPath: a mesh-wide change puts east-1 at clusters\/east-1/,
    ],
    [
      { clusterPath: 'clusters/west-1' },
      /^clusterPath: a mesh-wide change puts east-1 at clusters\/east-1/,
    ],
  ])(
    'refuses inputs naming one cluster that disagree with the spec: %o',
    async (extra, message) => {
      await expect(
        planMeshPullRequest({ bundleDir: dir, spec, owner, ...extra }),
      ).rejects.toThrow(message);
    },
  );
});
