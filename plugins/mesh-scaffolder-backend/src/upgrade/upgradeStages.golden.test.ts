import path from 'node:path';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { readGoldenFolder } from '../render/__testUtils__/goldenFiles';
import { stageSpecs, UPGRADE_VARIANTS } from './__testUtils__/upgradeVariants';

const GOLDEN_DIR = path.join(__dirname, '__fixtures__', 'golden');

/**
 * Each variant's spec after every stage, rendered. One member's folder is enough: the others of
 * a mesh differ only in their cluster's own names.
 */
const cases = UPGRADE_VARIANTS.flatMap(variant =>
  stageSpecs(variant).map(
    ([stage, spec]) =>
      [
        variant.name,
        stage,
        spec,
        variant.folder,
        `${variant.goldenPrefix}${stage}`,
      ] as const,
  ),
);

describe('upgrade stage golden files (helm and ambient 1.30.3 → 1.31.0, sail 1.29.6 → 1.30.3)', () => {
  it.each(cases)(
    '%s: after %s the cluster folder renders byte-for-byte as its golden files',
    async (_variant, _stage, spec, folder, goldenName) => {
      // GIVEN the spec after a stage WHEN it is rendered
      const rendered = new Map(
        renderMeshBundle(spec)
          .files.filter(f => f.path.startsWith(folder))
          .map(f => [f.path.slice(folder.length), f.content]),
      );
      const golden = await readGoldenFolder(
        rendered,
        path.join(GOLDEN_DIR, goldenName),
      );
      // THEN the same files exist with identical bytes
      expect([...rendered.keys()].sort()).toEqual([...golden.keys()].sort());
      for (const [file, content] of rendered) {
        expect({ file, content }).toEqual({ file, content: golden.get(file) });
      }
    },
  );
});
