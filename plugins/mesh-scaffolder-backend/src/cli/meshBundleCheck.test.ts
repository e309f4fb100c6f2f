import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { listTreeFiles } from '../bundle/listTreeFiles';
import {
  memberSpecsOfExampleMesh,
  writeClusterFolders,
} from './__testUtils__/meshRepository';
import { runMeshBundle } from './__testUtils__/runMeshBundle';

jest.setTimeout(120_000);

describe('mesh-bundle check on a GitOps repository of three clusters', () => {
  const repo = createMockDirectory();
  let folders: string[];
  beforeEach(() => {
    // GIVEN the three cluster folders of the example mesh, as merged pull requests leave them
    repo.clear();
    folders = writeClusterFolders(repo.path, memberSpecsOfExampleMesh());
  });

  it('exits 0 when every folder is what its spec renders', async () => {
    const result = await runMeshBundle('check', repo.path);
    expect(result).toEqual({
      code: 0,
      stdout:
        '3 cluster folders match their spec documents: clusters/central-1, clusters/east-1, clusters/west-1\n',
      stderr: '',
    });
  });

  it('exits 1 with one line per edited, added and removed file', async () => {
    // WHEN one file is edited by hand, one added and one removed
    const edited = `${folders[1]}/istio/values/istiod.yaml`;
    fs.appendFileSync(path.join(repo.path, edited), 'hand: edit\n');
    const added = `${folders[0]}/policy/extra.yaml`;
    fs.writeFileSync(path.join(repo.path, added), 'kind: ConfigMap\n');
    const removed = `${folders[2]}/namespaces.yaml`;
    fs.rmSync(path.join(repo.path, removed));

    const result = await runMeshBundle('check', repo.path);

    // THEN each is named on its own line, folders in path order, and nothing else is
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${removed}: missing (the spec renders it)`,
      `${added}: extra (the spec does not render it)`,
      `${edited}: differs from what the spec renders`,
    ]);
  });

  it('names a spec document that no longer reads', async () => {
    const document = `${folders[0]}/mesh-cluster.yaml`;
    const file = path.join(repo.path, document);
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('mesh.backstage.io/v1alpha1', 'mesh.backstage.io/v9'),
    );
    const result = await runMeshBundle('check', repo.path);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^${document}: apiVersion: "mesh.backstage.io/v9" is not`),
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 2 on bad usage', async () => {
    for (const args of [
      ['check'],
      ['check', repo.path, repo.path],
      ['check', path.join(repo.path, 'no-such-folder')],
    ]) {
      const result = await runMeshBundle(...args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toContain('Usage:');
    }
  });

  it('render --spec <folder>/mesh-cluster.yaml reproduces that folder byte for byte', async () => {
    // WHEN the committed spec document of a folder is rendered elsewhere
    const out = path.join(repo.path, '..', 'rendered');
    fs.rmSync(out, { recursive: true, force: true });
    const result = await runMeshBundle(
      'render',
      '--spec',
      path.join(repo.path, folders[1], 'mesh-cluster.yaml'),
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    // THEN the folder has the same files with the same bytes (catalog-info.yaml is the PR's)
    const committed = (
      await listTreeFiles(path.join(repo.path, folders[1]))
    ).filter(f => f !== 'catalog-info.yaml');
    expect(await listTreeFiles(path.join(out, folders[1]))).toEqual(committed);
    for (const file of committed) {
      expect({
        file,
        content: fs.readFileSync(path.join(out, folders[1], file), 'utf8'),
      }).toEqual({
        file,
        content: fs.readFileSync(
          path.join(repo.path, folders[1], file),
          'utf8',
        ),
      });
    }
    fs.rmSync(out, { recursive: true, force: true });
  });
});
