import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MeshBundle } from './meshBundle';
import { writeBundle } from './writeBundle';
import { BUNDLE_INDEX_FILE } from './bundleIndex';

function bundleWith(files: Array<[string, string]>): MeshBundle {
  return {
    clusters: ['c1'],
    objects: [],
    helmValues: [],
    index: [],
    files: files.map(([p, content]) => ({ path: p, content })),
  };
}

describe('writeBundle', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-write-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes every file under the target folder and leaves no staging folder', async () => {
    // GIVEN a bundle WHEN written to a new folder
    const out = path.join(root, 'out');
    const written = await writeBundle(
      bundleWith([
        [BUNDLE_INDEX_FILE, '{}\n'],
        ['clusters/c1/kustomization.yaml', 'resources: []\n'],
      ]),
      out,
    );
    // THEN the files have the exact bytes and nothing else is left beside them
    expect(written).toEqual([
      BUNDLE_INDEX_FILE,
      'clusters/c1/kustomization.yaml',
    ]);
    expect(
      fs.readFileSync(path.join(out, 'clusters/c1/kustomization.yaml'), 'utf8'),
    ).toBe('resources: []\n');
    expect(fs.readdirSync(root)).toEqual(['out']);
  });

  it('adds to an existing folder, replacing files of the same path', async () => {
    const out = path.join(root, 'repo');
    fs.mkdirSync(path.join(out, 'other'), { recursive: true });
    fs.writeFileSync(path.join(out, 'other/keep.txt'), 'keep');
    fs.writeFileSync(path.join(out, BUNDLE_INDEX_FILE), 'old');
    await writeBundle(bundleWith([[BUNDLE_INDEX_FILE, 'new']]), out);
    expect(fs.readFileSync(path.join(out, BUNDLE_INDEX_FILE), 'utf8')).toBe(
      'new',
    );
    expect(fs.readFileSync(path.join(out, 'other/keep.txt'), 'utf8')).toBe(
      'keep',
    );
    expect(fs.readdirSync(root)).toEqual(['repo']);
  });

  it.each(['../escape.yaml', 'clusters/../../escape.yaml', '/etc/escape.yaml'])(
    'refuses %s and writes nothing',
    async filePath => {
      // GIVEN a bundle with one path that leaves the folder
      const out = path.join(root, 'out');
      // WHEN written THEN it is refused before any file exists
      await expect(
        writeBundle(
          bundleWith([
            ['a.yaml', 'a'],
            [filePath, 'x'],
          ]),
          out,
        ),
      ).rejects.toThrow();
      expect(fs.readdirSync(root)).toEqual([]);
    },
  );

  it('leaves the target untouched when a write fails half way', async () => {
    // GIVEN an existing folder and a bundle whose second file collides with the first's folder
    const out = path.join(root, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'existing.txt'), 'before');
    const bundle = bundleWith([
      ['a/b.yaml', 'x'],
      ['a', 'file where a folder is'],
    ]);
    // WHEN written THEN it fails, and the target holds only what it held before
    await expect(writeBundle(bundle, out)).rejects.toThrow();
    expect(fs.readdirSync(out)).toEqual(['existing.txt']);
    expect(fs.readdirSync(root)).toEqual(['out']);
  });

  it('refuses to write through a folder that is in the way', async () => {
    const out = path.join(root, 'out');
    fs.mkdirSync(path.join(out, 'clusters', 'x.yaml'), { recursive: true });
    await expect(
      writeBundle(bundleWith([['clusters/x.yaml', 'x']]), out),
    ).rejects.toThrow('in the way');
    expect(fs.readdirSync(root)).toEqual(['out']);
  });
});
