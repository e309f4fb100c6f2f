import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { writeBundle } from '../bundle/writeBundle';
import { planPullRequest } from './planPullRequest';

const examplesDir = path.resolve(__dirname, '../../../../examples/specs');

describe('planPullRequest on a bundle written by the renderer', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-gitops-rendered-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('proposes only the chosen member of a three-cluster mesh, at its own target path', async () => {
    // GIVEN the multi-primary example rendered into the workspace
    const spec = parseMeshClusterSpec(
      yaml.parse(
        fs.readFileSync(
          path.join(examplesDir, 'multi-primary-3-clusters.yaml'),
          'utf8',
        ),
      ),
    );
    const bundle = renderMeshBundle(spec);
    await writeBundle(bundle, path.join(dir, 'out'));

    // WHEN the request for west-1 is planned
    const plan = await planPullRequest({
      bundleDir: path.join(dir, 'out'),
      spec,
      cluster: 'west-1',
      owner: 'group:default/platform',
    });

    // THEN it holds exactly west-1's rendered files plus its catalog entity
    const westFiles = bundle.files
      .filter(f => f.path.startsWith(`${plan.targetPath}/`))
      .map(f => f.path);
    expect(westFiles.length).toBeGreaterThan(5);
    expect(plan.files.map(f => f.path)).toEqual(
      [...westFiles, `${plan.targetPath}/catalog-info.yaml`].sort(),
    );
    expect(plan.branch).toBe('mesh/west-1');
    const body = plan.content('main').body;
    expect(body).toContain('- Istio version: `1.30.3`');
    expect(body).toContain('- Deployed by: `argocd`');
    const westObjects = bundle.index.filter(e => e.cluster === 'west-1').length;
    expect(body).toContain(`${westObjects} objects:`);
    expect(body).toContain('remote secrets');
  });
});
