import fs from 'node:fs';
import path from 'node:path';
import type { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { listTreeFiles } from '../bundle/listTreeFiles';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpec } from '../render/__testUtils__/exampleSpecs';
import { advanceUpgrade } from './advanceUpgrade';
import type { UpgradeStage } from './upgradeStages';

const GOLDEN_DIR = path.join(__dirname, '__fixtures__', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** One member's folder is enough: the others differ only in their cluster's own names. */
const FOLDER = 'clusters/east-1/';

/** The helm example mesh after each stage of the 1.30.3 → 1.31.0 upgrade, in order. */
function stageSpecs(): Array<[UpgradeStage, MeshClusterSpec]> {
  let spec = loadExampleSpec('multi-primary-3-clusters');
  const stages: UpgradeStage[] = ['canary', 'move', 'promote', 'cleanup'];
  return stages.map(stage => {
    spec = advanceUpgrade(spec, '1.31.0', stage).spec;
    return [stage, spec];
  });
}

describe('upgrade stage golden files (helm, multi-primary-3-clusters, 1.30.3 → 1.31.0)', () => {
  it.each(stageSpecs())(
    'after %s the east-1 folder renders byte-for-byte as its golden files',
    async (stage, spec) => {
      // GIVEN the spec after a stage WHEN it is rendered
      const rendered = new Map(
        renderMeshBundle(spec)
          .files.filter(f => f.path.startsWith(FOLDER))
          .map(f => [f.path.slice(FOLDER.length), f.content]),
      );
      const goldenRoot = path.join(GOLDEN_DIR, `1-30-3-to-1-31-0-${stage}`);
      if (UPDATE) {
        fs.rmSync(goldenRoot, { recursive: true, force: true });
        for (const [file, content] of rendered) {
          fs.mkdirSync(path.dirname(path.join(goldenRoot, file)), {
            recursive: true,
          });
          fs.writeFileSync(path.join(goldenRoot, file), content);
        }
      }
      // THEN the same files exist with identical bytes
      const goldenFiles = await listTreeFiles(goldenRoot);
      expect([...rendered.keys()].sort()).toEqual([...goldenFiles].sort());
      for (const [file, content] of rendered) {
        const golden = fs.readFileSync(path.join(goldenRoot, file), 'utf8');
        expect({ file, content }).toEqual({ file, content: golden });
      }
    },
  );
});
