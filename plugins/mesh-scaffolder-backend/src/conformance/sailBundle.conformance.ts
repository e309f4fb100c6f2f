import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from '../render/renderMeshBundle';
// A test run by `npm run test:conformance`; the lint rule only recognises *.test.ts as tests.
// eslint-disable-next-line no-restricted-imports
import {
  loadExampleSpec,
  loadExampleSpecInput,
} from '../render/__testUtils__/exampleSpecs';
import { checkBundleConformance } from './checkBundleConformance';
import { conformanceDir } from './conformanceData';

// Fails the whole suite with a clear message when the upstream data is missing.
const dir = conformanceDir();

/** The 3-cluster multi-primary mesh installed by the Sail Operator, sidecar or ambient. */
function sailMultiPrimary(dataplane: 'sidecar' | 'ambient') {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.istio = { ...input.istio, installMethod: 'sail' };
  if (dataplane === 'ambient') {
    input.istio = { ...input.istio, dataplane, profile: 'ambient' };
  }
  return parseMeshClusterSpec(input);
}

const SAIL_KINDS = ['Istio', 'IstioRevisionTag'].map(
  kind => `sailoperator.io/v1/${kind}`,
);

describe('Sail Operator bundles conform to the Sail 1.30.3 CRDs and chart', () => {
  it.each([
    ['the sail-1-30 example', () => loadExampleSpec('sail-1-30'), SAIL_KINDS],
    [
      'the multi-primary mesh with sidecars',
      () => sailMultiPrimary('sidecar'),
      SAIL_KINDS,
    ],
    [
      'the multi-primary mesh in ambient mode',
      () => sailMultiPrimary('ambient'),
      [
        ...SAIL_KINDS,
        'sailoperator.io/v1/IstioCNI',
        'sailoperator.io/v1/ZTunnel',
      ],
    ],
  ])('%s: every Sail object and the operator values', (_name, spec, kinds) => {
    // GIVEN a bundle rendered with installMethod sail
    const bundle = renderMeshBundle(spec());
    // WHEN checked against the Sail CRDs' openAPIV3Schema and the sail-operator chart's values
    const report = checkBundleConformance(bundle, dir, '1.30.3');
    // THEN nothing is unknown or invalid, and the Sail kinds and values were really checked
    expect(report.problems).toEqual([]);
    expect([...report.checked]).toEqual(
      expect.arrayContaining([...kinds, 'values:sail-operator']),
    );
    expect(
      [...report.unchecked].filter(k => k.startsWith('sailoperator.io')),
    ).toEqual([]);
  });

  it('reports an Istio field the Sail CRD does not have and a version outside its enum', () => {
    // GIVEN the example's Istio resource with a key Sail does not accept and an unreleased version
    const bundle = renderMeshBundle(loadExampleSpec('sail-1-30'));
    const entry = bundle.objects.find(o => o.object.kind === 'Istio');
    if (!entry) throw new Error('the Sail bundle has no Istio resource');
    const istio = structuredClone(entry.object) as any;
    istio.spec.values.revisionTags = ['stable'];
    istio.spec.version = 'v1.31.0';
    entry.object = istio;
    // WHEN checked THEN both are reported with the file and field path
    const problems = checkBundleConformance(bundle, dir, '1.30.3').problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        `${entry.file} Istio/prod spec.values.revisionTags: unknown field (not in the upstream schema)`,
        expect.stringMatching(
          new RegExp(
            `^${entry.file} Istio/prod spec\\.version: must be equal to one of the allowed values`,
          ),
        ),
      ]),
    );
  });

  it("reports a sail-operator values key the chart's defaults do not have", () => {
    const bundle = renderMeshBundle(loadExampleSpec('sail-1-30'));
    const values = bundle.helmValues.find(v => v.chart === 'sail-operator');
    if (!values) throw new Error('the Sail bundle has no sail-operator values');
    values.values = { ...values.values, logLevel: 'debug' };
    expect(checkBundleConformance(bundle, dir, '1.30.3').problems).toEqual([
      `${values.file} values:sail-operator logLevel: not a key of the chart's default values`,
    ]);
  });
});
