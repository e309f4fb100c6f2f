import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import {
  memberSpecsOfExampleMesh,
  writeClusterFolders,
} from './__testUtils__/meshRepository';
import { runMeshBundle } from './__testUtils__/runMeshBundle';

jest.setTimeout(300_000);

const STAGES = ['precheck', 'canary', 'move', 'promote', 'cleanup'];

describe('mesh-bundle upgrade on a GitOps repository of three clusters', () => {
  const repo = createMockDirectory();
  let folders: string[];
  beforeEach(() => {
    // GIVEN the three cluster folders of the example mesh on Istio 1.30.3
    repo.clear();
    folders = writeClusterFolders(repo.path, memberSpecsOfExampleMesh());
  });

  it('takes every member from 1.30.3 to 1.31.0, and check passes after every stage', async () => {
    for (const stage of STAGES) {
      // WHEN each member's folder is advanced by one stage from its own spec document
      for (const folder of folders) {
        const spec = path.join(repo.path, folder, 'mesh-cluster.yaml');
        const result = await runMeshBundle(
          'upgrade',
          ...['--spec', spec, '--to', '1.31.0', '--stage', stage],
          ...['--out', repo.path],
        );
        expect({ folder, stage, ...result, stdout: '' }).toEqual({
          folder,
          stage,
          code: 0,
          stdout: '',
          stderr: '',
        });
      }
      // THEN the repository still matches its spec documents
      const check = await runMeshBundle('check', repo.path);
      expect({ stage, code: check.code, stderr: check.stderr }).toEqual({
        stage,
        code: 0,
        stderr: '',
      });
      const values = fs.readdirSync(
        path.join(repo.path, folders[0], 'istio/values'),
      );
      const twoIstiods = ['canary', 'move', 'promote'].includes(stage);
      expect(values.includes('istiod-1-31-0.yaml')).toBe(twoIstiods);
    }
    const document = fs.readFileSync(
      path.join(repo.path, folders[0], 'mesh-cluster.yaml'),
      'utf8',
    );
    expect(document).toContain('version: "1.31.0"');
    expect(document).not.toContain('upgrade:');
  });

  it('exits 1 with the precheck reasons for an unsupported path', async () => {
    const spec = path.join(repo.path, folders[0], 'mesh-cluster.yaml');
    const result = await runMeshBundle(
      'upgrade',
      ...['--spec', spec, '--to', '1.29.0', '--stage', 'canary'],
      ...['--out', repo.path],
    );
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'refused: 1.30.3 → 1.29.0 is not an upgrade: the target must be newer than the running release\n',
    });
  });

  it('exits 2 on a missing option or an unknown stage', async () => {
    const spec = path.join(repo.path, folders[0], 'mesh-cluster.yaml');
    const missing = await runMeshBundle('upgrade', '--spec', spec);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('mesh-bundle upgrade --spec');
    const unknown = await runMeshBundle(
      'upgrade',
      ...['--spec', spec, '--to', '1.31.0', '--stage', 'rollout'],
      ...['--out', repo.path],
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--stage rollout: must be one of precheck, canary, move, promote, cleanup',
    );
  });
});
