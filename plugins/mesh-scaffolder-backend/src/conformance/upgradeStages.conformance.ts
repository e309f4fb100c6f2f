import type { MeshBundle } from '../bundle/meshBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
// A test run by `npm run test:conformance`; the lint rule only recognises *.test.ts as tests.
// eslint-disable-next-line no-restricted-imports
import { loadExampleSpec } from '../render/__testUtils__/exampleSpecs';
// eslint-disable-next-line no-restricted-imports
import {
  stageSpecs,
  UPGRADE_VARIANTS,
  type UpgradeVariant,
} from '../upgrade/__testUtils__/upgradeVariants';
import { precheckUpgrade } from '../upgrade/precheckUpgrade';
import { checkBundleConformance } from './checkBundleConformance';
import { conformanceDir } from './conformanceData';

// Fails the whole suite with a clear message when the upstream data is missing.
const dir = conformanceDir();

/** Istio charts whose values follow the release they install (base, istiod, gateway, cni, ztunnel). */
const ISTIO_CHARTS = new Set(['base', 'istiod', 'gateway', 'cni', 'ztunnel']);

/**
 * A mid-upgrade bundle checked against the data of the releases it installs: every object and
 * every values file of the target's charts against the target's data (1.31.0 → 1.31.0-rc.0), and
 * the Istio charts still installing the running release (the old istiod, and the gateways, cni
 * and ztunnel until cleanup) against the running release's data — each chart against the chart
 * it installs.
 */
function checkStage(bundle: MeshBundle, from: string, to: string) {
  const running = (v: MeshBundle['helmValues'][number]) =>
    ISTIO_CHARTS.has(v.chart) && v.chartVersion === from;
  const target = checkBundleConformance(
    { ...bundle, helmValues: bundle.helmValues.filter(v => !running(v)) },
    dir,
    to,
  );
  const old = checkBundleConformance(
    { ...bundle, objects: [], helmValues: bundle.helmValues.filter(running) },
    dir,
    from,
  );
  return { target, old };
}

/** What each variant must have checked against the target's data at every stage. */
const TARGET_CHECKED: Record<UpgradeVariant['name'], string[]> = {
  helm: [
    'values:base',
    'values:istiod',
    'networking.istio.io/v1/Gateway',
    'security.istio.io/v1/PeerAuthentication',
  ],
  ambient: [
    'values:base',
    'values:istiod',
    'gateway.networking.k8s.io/v1/Gateway',
    'security.istio.io/v1/PeerAuthentication',
  ],
  sail: [
    'sailoperator.io/v1/Istio',
    'sailoperator.io/v1/IstioRevisionTag',
    'values:sail-operator',
  ],
};

const cases = UPGRADE_VARIANTS.flatMap(variant =>
  stageSpecs(variant).map(
    ([stage, spec]) => [variant.name, stage, variant, spec] as const,
  ),
);

describe('every stage of a staged upgrade conforms to the charts and CRDs it installs', () => {
  it.each(cases)(
    '%s: after %s, the whole bundle against the target and running releases',
    (name, stage, variant, spec) => {
      // GIVEN the whole bundle (every cluster) after a stage
      const bundle = renderMeshBundle(spec);
      const from = variant.spec().istio.version;
      // WHEN checked against the data of both releases it installs
      const { target, old } = checkStage(bundle, from, variant.to);
      // THEN nothing is unknown or invalid, and what a reviewer relies on was really checked
      expect(target.problems).toEqual([]);
      expect(old.problems).toEqual([]);
      expect([...target.checked]).toEqual(
        expect.arrayContaining(TARGET_CHECKED[name]),
      );
      // The running release's charts: the old istiod (not with Sail, whose Istio resource carries
      // the target's values) and the gateways, until cleanup moves them.
      const running = stage === 'cleanup' ? [] : ['values:gateway'];
      if (stage !== 'cleanup' && name !== 'sail') running.push('values:istiod');
      expect([...old.checked].sort()).toEqual(running.sort());
      expect(
        [...target.unchecked, ...old.unchecked].filter(
          k =>
            k.startsWith('sailoperator.io') ||
            k.startsWith('gateway.networking.k8s.io'),
        ),
      ).toEqual([]);
    },
  );

  it('the ambient bundle pins the Gateway API release the target needs from the canary on', () => {
    // GIVEN the ambient mesh at canary, whose new istiod (1.31) needs Gateway API v1.6.0
    const ambient = UPGRADE_VARIANTS.find(v => v.name === 'ambient')!;
    const [[, canary]] = stageSpecs(ambient);
    const bundle = renderMeshBundle(canary);
    // WHEN the pins are read THEN every cluster's gateway-api component installs v1.6.0
    const pins = bundle.objects
      .filter(o => o.component === 'gateway-api')
      .map(o => (o.object.spec as any).source.targetRevision);
    expect(pins).toEqual(['v1.6.0', 'v1.6.0', 'v1.6.0']);
    // AND the 1.31 data's check of the pin and the Gateway objects finds nothing
    expect(checkBundleConformance(bundle, dir, '1.31.0').problems).toEqual([]);
  });

  it('sail 1.30.3 → 1.31 is refused at precheck, naming the operator release as the reason', () => {
    expect(
      precheckUpgrade(loadExampleSpec('sail-1-30'), '1.31.0').refusals,
    ).toEqual([
      'installMethod sail: Sail Operator 1.30.3 installs Istio 1.28.0–1.30.3, not 1.31.0; upgrade the Sail Operator to a release that installs 1.31.0 first',
    ]);
  });
});
