import { renderMeshBundle } from '../render/renderMeshBundle';
// A test run by `npm run test:conformance`; the lint rule only recognises *.test.ts as tests.
// eslint-disable-next-line no-restricted-imports
import {
  loadExampleSpec,
  loadExampleSpecs,
  variantSpecs,
} from '../render/__testUtils__/exampleSpecs';
import { checkBundleConformance } from './checkBundleConformance';
import { conformanceDir, conformanceIstioVersion } from './conformanceData';

// Fails the whole suite with a clear message when the upstream data is missing.
const dir = conformanceDir();

const examples = [...loadExampleSpecs(), ...variantSpecs()].map(e => ({
  ...e,
  conformance: conformanceIstioVersion(e.spec.istio.version),
}));

describe('rendered bundles conform to the upstream schemas', () => {
  it.each(
    examples.map(
      e => [e.name, e.spec.istio.version, e.conformance, e.spec] as const,
    ),
  )(
    '%s (Istio %s, checked against %s data)',
    (_name, _version, conformance, spec) => {
      // GIVEN the bundle of an example spec
      const bundle = renderMeshBundle(spec);
      // WHEN every object and values file is checked against that Istio release's upstream data
      const report = checkBundleConformance(bundle, dir, spec.istio.version);
      // THEN nothing is unknown or invalid, and the Istio objects and values were really checked
      expect(report.istioVersion).toBe(conformance);
      expect(report.problems).toEqual([]);
      expect(
        [...report.checked].some(
          k => k.includes('.istio.io/') || k === 'values:istiod',
        ),
      ).toBe(true);
    },
  );

  it('checks the 3-cluster multi-primary mesh per cluster, Istio objects and Helm values included', () => {
    const spec = loadExampleSpec('multi-primary-3-clusters');
    const bundle = renderMeshBundle(spec);
    const report = checkBundleConformance(bundle, dir, spec.istio.version);
    expect(bundle.clusters).toHaveLength(3);
    expect(report.problems).toEqual([]);
    expect(report.checked).toEqual(expect.objectContaining({}));
    expect([...report.checked]).toEqual(
      expect.arrayContaining([
        'networking.istio.io/v1/Gateway',
        'values:gateway',
        'values:istiod',
        'values:base',
      ]),
    );
  });

  it('reports a deliberately broken object with its file and field path', () => {
    // GIVEN the multi-primary bundle with a typo'd field and a wrong type in its cross-network Gateway
    const spec = loadExampleSpec('multi-primary-3-clusters');
    const bundle = renderMeshBundle(spec);
    const entry = bundle.objects.find(
      o => o.object.kind === 'Gateway' && o.cluster === 'west-1',
    );
    if (!entry) throw new Error('the multi-primary bundle has no Gateway');
    const gateway = JSON.parse(JSON.stringify(entry.object));
    gateway.spec.servers[0].port.numbr = 15443;
    gateway.spec.servers[0].port.number = 'tls';
    entry.object = gateway;
    // WHEN checked against the upstream Istio CRDs
    const report = checkBundleConformance(bundle, dir, spec.istio.version);
    // THEN both are reported with the file and field path
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^${entry.file} Gateway/istio-system/\\S+ spec\\.servers\\[0\\]\\.port\\.numbr: unknown field`,
          ),
        ),
        expect.stringMatching(
          new RegExp(
            `^${entry.file} Gateway/istio-system/\\S+ spec\\.servers\\[0\\]\\.port\\.number: must be integer`,
          ),
        ),
      ]),
    );
  });

  it('a broken gateway values key is reported against the chart schema', () => {
    const spec = loadExampleSpec('multi-primary-3-clusters');
    const bundle = renderMeshBundle(spec);
    const values = bundle.helmValues.find(v => v.chart === 'gateway');
    if (!values) throw new Error('no gateway values');
    values.values = { ...values.values, replicas: 2 };
    const report = checkBundleConformance(bundle, dir, spec.istio.version);
    expect(report.problems).toEqual([
      `${values.file} values:gateway replicas: unknown field (not in the upstream schema)`,
    ]);
  });
});
