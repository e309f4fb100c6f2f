import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderMeshBundle } from '../render/renderMeshBundle';
import {
  loadExampleSpec,
  loadExampleSpecs,
  variantSpecs,
} from '../render/__testUtils__/exampleSpecs';
import { BUNDLE_INDEX_FILE, parseBundleIndex } from './bundleIndex';
import { clusterTreeDir } from './clusterTreeDir';
import type { MeshBundle } from './meshBundle';
import { readBundle } from './readBundle';
import { writeBundle } from './writeBundle';

describe('readBundle', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-read-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function written(bundle: MeshBundle): Promise<string> {
    const dir = path.join(root, 'bundle');
    await writeBundle(bundle, dir);
    return dir;
  }

  function editIndex(dir: string, edit: (index: any) => void): void {
    const file = path.join(dir, BUNDLE_INDEX_FILE);
    const index = JSON.parse(fs.readFileSync(file, 'utf8'));
    edit(index);
    fs.writeFileSync(file, JSON.stringify(index));
  }

  it.each(
    [...loadExampleSpecs(), ...variantSpecs()].map(e => [e.name, e.spec]),
  )(
    '%s reads back as exactly the bundle that was written',
    async (_name, spec) => {
      // GIVEN a rendered bundle written to a folder
      const bundle = renderMeshBundle(spec);
      const dir = await written(bundle);

      // WHEN it is read back
      const read = await readBundle(dir);

      // THEN it equals the in-memory bundle, Helm releases included
      expect(read).toEqual(bundle);
      expect(read.helmValues.map(v => v.chartVersion)).not.toContain('');
    },
  );

  it('keeps the Helm release facts of the index, repository included', async () => {
    // GIVEN the Kiali example, whose charts come from two repositories
    const bundle = renderMeshBundle(loadExampleSpec('seed-002-kiali-jaeger'));
    const dir = await written(bundle);

    // WHEN its index is parsed
    const index = parseBundleIndex(
      fs.readFileSync(path.join(dir, BUNDLE_INDEX_FILE), 'utf8'),
    );

    // THEN every values file has one release row naming chart, version and repository
    expect(index.helmReleases.map(r => r.valuesFile)).toEqual(
      bundle.helmValues.map(v => v.file),
    );
    const kiali = index.helmReleases.find(r => r.chart.startsWith('kiali'));
    expect(kiali?.repository).toMatch(/^https:\/\/.*kiali/);
    expect(index.helmReleases.find(r => r.chart === 'istiod')).toMatchObject({
      release: 'istiod',
      namespace: 'istio-system',
      version: bundle.helmValues.find(v => v.chart === 'istiod')!.chartVersion,
    });
  });

  it('reads one cluster of a mesh: its objects, values, rows and tree files', async () => {
    // GIVEN a three-cluster mesh written to a folder
    const bundle = renderMeshBundle(
      loadExampleSpec('multi-primary-3-clusters'),
    );
    const dir = await written(bundle);

    // WHEN only west-1 is read
    const west = await readBundle(dir, { cluster: 'west-1' });

    // THEN it holds west-1's part and nothing of the other clusters
    const tree = clusterTreeDir(bundle, 'west-1');
    expect(west).toEqual({
      clusters: ['west-1'],
      objects: bundle.objects.filter(o => o.cluster === 'west-1'),
      helmValues: bundle.helmValues.filter(v => v.cluster === 'west-1'),
      index: bundle.index.filter(e => e.cluster === 'west-1'),
      files: bundle.files.filter(f => f.path.startsWith(`${tree}/`)),
    });
    expect(west.objects.length).toBeGreaterThan(5);
    expect(west.helmValues.length).toBeGreaterThan(1);
    expect(west.files.map(f => f.path)).toContain(`${tree}/README.md`);
  });

  it('refuses a cluster the bundle does not have, naming the ones it has', async () => {
    const dir = await written(
      renderMeshBundle(loadExampleSpec('multi-primary-3-clusters')),
    );
    await expect(readBundle(dir, { cluster: 'north-9' })).rejects.toThrow(
      'The bundle has no cluster "north-9"; its clusters: east-1, west-1, central-1',
    );
  });

  it('refuses an index that does not fit the schema, naming the field path', async () => {
    // GIVEN a written bundle whose index lost a kind and a chart repository
    const dir = await written(
      renderMeshBundle(loadExampleSpec('seed-002-kiali-jaeger')),
    );
    editIndex(dir, index => {
      index.objects[2].kind = 7;
      delete index.helmReleases[0].repository;
    });

    // WHEN it is read THEN the error names both fields
    const error = await readBundle(dir).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(`${BUNDLE_INDEX_FILE} does not match`);
    expect(error.message).toMatch(/objects\[2\]\.kind: [^;]*string/);
    expect(error.message).toContain('helmReleases[0].repository: ');
  });

  it('refuses an index without Helm release rows instead of guessing the charts', async () => {
    const dir = await written(
      renderMeshBundle(loadExampleSpec('seed-002-kiali-jaeger')),
    );
    editIndex(dir, index => delete index.helmReleases);
    await expect(readBundle(dir)).rejects.toThrow(/helmReleases: /);
  });

  it('refuses an index row that points outside the bundle folder', async () => {
    // GIVEN a file beside the bundle and an index row that names it
    const dir = await written(
      renderMeshBundle(loadExampleSpec('seed-002-kiali-jaeger')),
    );
    fs.writeFileSync(
      path.join(root, 'outside.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: outside\n',
    );
    editIndex(dir, index => {
      index.objects[0].file = '../outside.yaml';
    });

    // WHEN it is read THEN the row is refused by its field path
    await expect(readBundle(dir)).rejects.toThrow(
      /objects\[0\]\.file: must be a relative path inside the bundle folder/,
    );
  });

  it('refuses a symbolic link in the bundle folder', async () => {
    const dir = await written(
      renderMeshBundle(loadExampleSpec('seed-002-kiali-jaeger')),
    );
    fs.writeFileSync(path.join(root, 'secret.txt'), 'not part of the bundle');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(dir, 'link.txt'));
    await expect(readBundle(dir)).rejects.toThrow(
      'link.txt is a symbolic link; a bundle holds plain files only',
    );
  });

  it('refuses a bundle whose files and index disagree', async () => {
    // GIVEN a written bundle where one listed object was removed from its file
    const bundle = renderMeshBundle(loadExampleSpec('seed-002-kiali-jaeger'));
    const dir = await written(bundle);
    const row = bundle.index.find(e => e.kind === 'Namespace')!;
    const kept = bundle.objects
      .filter(o => o.file === row.file && o.object.metadata.name !== row.name)
      .map(o => `${JSON.stringify(o.object)}\n`);
    fs.writeFileSync(path.join(dir, row.file), kept.join('---\n'));

    // WHEN it is read THEN the index row is named
    await expect(readBundle(dir)).rejects.toThrow(
      `lists v1 Namespace ${row.name} in ${row.file}, which does not hold it`,
    );
  });

  it('says when the folder holds no bundle', async () => {
    fs.mkdirSync(path.join(root, 'empty'));
    await expect(readBundle(path.join(root, 'empty'))).rejects.toThrow(
      `holds no ${BUNDLE_INDEX_FILE}`,
    );
    await expect(readBundle(path.join(root, 'missing'))).rejects.toThrow(
      'is not a folder holding a rendered bundle',
    );
  });
});
