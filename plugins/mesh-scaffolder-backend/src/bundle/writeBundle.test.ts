import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpecs } from '../render/__testUtils__/exampleSpecs';
import type { MeshBundle } from './meshBundle';
import { readBundle } from './readBundle';
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
    jest.restoreAllMocks();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Every file and folder under `dir`, relative to it, sorted. */
  function treeOf(dir: string): string[] {
    return (fs.readdirSync(dir, { recursive: true }) as string[])
      .map(entry => entry.split(path.sep).join('/'))
      .sort();
  }

  /** Runs `onWrite` before each file write of writeBundle, with how many came before it. */
  function beforeEachFileWrite(onWrite: (count: number) => void): void {
    const realWriteFile = fsPromises.writeFile;
    let count = 0;
    jest
      .spyOn(fsPromises, 'writeFile')
      .mockImplementation((...args: Parameters<typeof realWriteFile>) => {
        onWrite(count++);
        return realWriteFile(...args);
      });
  }

  it('stages inside the workspace it writes to: its parent never sees a new entry', async () => {
    // GIVEN a workspace holding a skeleton file, and a watch on its parent at every file write
    const workspace = path.join(root, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'catalog-info.yaml'), 'kind: x\n');
    const parentBefore = fs.readdirSync(root);
    const parentDuringWrites: string[][] = [];
    beforeEachFileWrite(() => parentDuringWrites.push(fs.readdirSync(root)));

    // WHEN a bundle is written into the workspace root
    await writeBundle(
      bundleWith([
        [BUNDLE_INDEX_FILE, '{}\n'],
        ['clusters/c1/kustomization.yaml', 'resources: []\n'],
      ]),
      workspace,
    );

    // THEN the parent held only the workspace throughout, and the workspace holds only the bundle
    expect(parentDuringWrites).toEqual([parentBefore, parentBefore]);
    expect(fs.readdirSync(root)).toEqual(parentBefore);
    expect(treeOf(workspace)).toEqual([
      BUNDLE_INDEX_FILE,
      'catalog-info.yaml',
      'clusters',
      'clusters/c1',
      'clusters/c1/kustomization.yaml',
    ]);
  });

  it('leaves no folder anywhere when a file write throws midway', async () => {
    // GIVEN a target two folders deep that does not exist yet, and a disk that fails the 2nd write
    const out = path.join(root, 'runs', 'r1', 'out');
    beforeEachFileWrite(count => {
      if (count === 1) throw new Error('simulated crash: disk gone');
    });

    // WHEN the bundle is written THEN the failure surfaces
    await expect(
      writeBundle(
        bundleWith([
          [BUNDLE_INDEX_FILE, '{}\n'],
          ['clusters/c1/kustomization.yaml', 'resources: []\n'],
        ]),
        out,
      ),
    ).rejects.toThrow('simulated crash');

    // AND no staging folder, target or parent folder it made is left behind
    expect(treeOf(root)).toEqual([]);
  });

  it('drops a staging folder left by a crashed run from the next write and from readBundle', async () => {
    // GIVEN a workspace where a killed run left its hidden staging folder with a half bundle
    const workspace = path.join(root, 'workspace');
    const stale = path.join(
      workspace,
      '.mesh-staging-killed',
      'clusters',
      'c1',
    );
    fs.mkdirSync(stale, { recursive: true });
    fs.writeFileSync(path.join(stale, 'leftover.yaml'), 'kind: Stale\n');
    const bundle = renderMeshBundle(loadExampleSpecs()[0].spec);

    // WHEN the next run writes its bundle there and the folder is read back
    const written = await writeBundle(bundle, workspace);
    const read = await readBundle(workspace);

    // THEN the stale folder is gone, and neither the result nor the read bundle names it
    expect(fs.readdirSync(workspace).filter(n => n.startsWith('.'))).toEqual(
      [],
    );
    expect(written.filter(p => p.includes('staging'))).toEqual([]);
    expect(read).toEqual(bundle);
  });

  it('keeps a staging folder a crashed run left out of readBundle before any new write', async () => {
    // GIVEN a written bundle, then a run killed while staging inside the same folder
    const workspace = path.join(root, 'workspace');
    const bundle = renderMeshBundle(loadExampleSpecs()[0].spec);
    await writeBundle(bundle, workspace);
    const stale = path.join(workspace, '.mesh-staging-killed');
    fs.mkdirSync(stale);
    fs.writeFileSync(path.join(stale, BUNDLE_INDEX_FILE), '{"broken":');

    // WHEN the folder is read (as gitops and validate do) THEN it is exactly the written bundle
    expect(await readBundle(workspace)).toEqual(bundle);
  });

  it('refuses a bundle path that names a staging folder', async () => {
    const out = path.join(root, 'out');
    await expect(
      writeBundle(bundleWith([['.mesh-staging-x/a.yaml', 'a']]), out),
    ).rejects.toThrow('staging');
    expect(fs.readdirSync(root)).toEqual([]);
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
