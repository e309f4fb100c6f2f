import { MESH_CLUSTER_DOCUMENT_FILE } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpec } from '../render/__testUtils__/exampleSpecs';
import { planPullRequest } from './planPullRequest';

describe("the pull request's catalog-info.yaml", () => {
  it('carries the spec facts and where the spec document is', async () => {
    // GIVEN a rendered multi-primary bundle
    const spec = loadExampleSpec('multi-primary-3-clusters');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-catalog-info-'));
    try {
      await writeBundle(renderMeshBundle(spec), dir);
      // WHEN the pull request for the spec's cluster is planned
      const plan = await planPullRequest({
        bundleDir: dir,
        spec,
        owner: 'group:default/platform-team',
      });
      // THEN its catalog entity states the spec, and the location names a file the PR writes
      const entity = yaml.parse(
        plan.files.find(f => f.path === 'clusters/east-1/catalog-info.yaml')!
          .content,
      );
      expect(entity.metadata.annotations).toMatchObject({
        'mesh.backstage.io/istio-version': '1.30.3',
        'mesh.backstage.io/istio-revision': '1-30-3',
        'mesh.backstage.io/multi-cluster-model': 'multi-primary',
        'mesh.backstage.io/spec-location': `./${MESH_CLUSTER_DOCUMENT_FILE}`,
      });
      expect(plan.files.map(f => f.path)).toContain(
        `clusters/east-1/${MESH_CLUSTER_DOCUMENT_FILE}`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
