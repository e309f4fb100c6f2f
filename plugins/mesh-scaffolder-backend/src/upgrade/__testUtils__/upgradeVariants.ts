import {
  parseMeshClusterSpec,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { loadExampleSpecInput } from '../../render/__testUtils__/exampleSpecs';
import { advanceUpgrade } from '../advanceUpgrade';
import type { UpgradeStage } from '../upgradeStages';

/** One staged upgrade the tests run through every stage: a mesh, its target and its golden folder. */
export interface UpgradeVariant {
  name: 'helm' | 'ambient' | 'sail';
  /** The spec before the upgrade. */
  spec: () => MeshClusterSpec;
  to: string;
  /** The cluster folder the golden files hold. */
  folder: string;
  /** Golden folders are `<goldenPrefix><stage>`. */
  goldenPrefix: string;
}

/** The stages that change the tree, in order (precheck changes nothing). */
export const CHANGING_STAGES: UpgradeStage[] = [
  'canary',
  'move',
  'promote',
  'cleanup',
];

/** The 3-cluster multi-primary example (Istio 1.30.3, helm), with `istio` overrides. */
function multiPrimary(istio: Record<string, unknown> = {}): MeshClusterSpec {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  return parseMeshClusterSpec({
    ...input,
    istio: { ...input.istio, ...istio },
  });
}

/**
 * The variants: the helm example mesh and the same mesh in ambient mode (as the Sail conformance
 * derives it) to 1.31.0; the `sail-1-30` example moved back to 1.29.6 to 1.30.3, as Sail Operator
 * 1.30.3 installs no 1.31.
 */
export const UPGRADE_VARIANTS: UpgradeVariant[] = [
  {
    name: 'helm',
    spec: () => multiPrimary(),
    to: '1.31.0',
    folder: 'clusters/east-1/',
    goldenPrefix: '1-30-3-to-1-31-0-',
  },
  {
    name: 'ambient',
    spec: () => multiPrimary({ dataplane: 'ambient', profile: 'ambient' }),
    to: '1.31.0',
    folder: 'clusters/east-1/',
    goldenPrefix: 'ambient-1-30-3-to-1-31-0-',
  },
  {
    name: 'sail',
    spec: () => {
      const input = loadExampleSpecInput('sail-1-30');
      return parseMeshClusterSpec({
        ...input,
        istio: { ...input.istio, version: '1.29.6' },
      });
    },
    to: '1.30.3',
    folder: 'clusters/sail-1/',
    goldenPrefix: 'sail-1-29-6-to-1-30-3-',
  },
];

/** A variant's spec after each stage that changes the tree, in order. */
export function stageSpecs(
  variant: UpgradeVariant,
): Array<[UpgradeStage, MeshClusterSpec]> {
  let spec = variant.spec();
  return CHANGING_STAGES.map(stage => {
    spec = advanceUpgrade(spec, variant.to, stage).spec;
    return [stage, spec];
  });
}
