import {
  ISTIO_RELEASE_FACTS,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from '../render/renderMeshBundle';
// A *.conformance.ts file is a test, but lint only knows *.test.* names as tests.
// eslint-disable-next-line no-restricted-imports
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';
import { readValuesFile } from './chartValues';
import {
  conformanceDir,
  conformanceReleaseFacts,
  ISTIO_CHART_VALUES_FILES,
  istioChartValuesFile,
  specVersionOfConformanceRelease,
} from './conformanceData';
import { unknownIstioChartValueKeys } from './istioChartValueKeys';

// Upstream chart values, read in place: this suite runs as `npm run test:conformance`, never in `npm test`.
const dir = conformanceDir();

/** The releases whose upstream data the conformance folder holds. */
const CONFORMANCE_RELEASES = ISTIO_RELEASE_FACTS.lines.flatMap(line =>
  line.conformanceRelease ? [line.conformanceRelease] : [],
);

/**
 * Keys whose content is not a chart value tree: an API object of its own (MeshConfig) or a map of
 * user-chosen keys (labels, env) that merely has a default entry.
 */
const FREE_FORM: ReadonlySet<string> = new Set(['meshConfig', 'labels', 'env']);

function specsFor(version: string) {
  const multiPrimary = loadExampleSpecInput('multi-primary-3-clusters');
  multiPrimary.istio.version = version;
  multiPrimary.istio.revision = `rev-${version.replace(/\./g, '-')}`;
  multiPrimary.cluster.platform = 'openshift';
  const primaryRemote = structuredClone(multiPrimary);
  primaryRemote.multiCluster = {
    model: 'primary-remote',
    clusters: [
      {
        name: 'east-1',
        network: 'net-east',
        role: 'primary',
        eastWestGatewayAddress: '203.0.113.10',
      },
      {
        name: 'west-1',
        network: 'net-west',
        role: 'remote',
        primaryClusterName: 'east-1',
      },
    ],
  };
  return [
    parseMeshClusterSpec(multiPrimary),
    parseMeshClusterSpec(primaryRemote),
  ];
}

describe('Helm values use only keys the chart of that Istio release accepts', () => {
  it.each(CONFORMANCE_RELEASES)('Istio %s', release => {
    const facts = conformanceReleaseFacts(release);
    const version = specVersionOfConformanceRelease(release);
    // GIVEN a multi-primary and a primary-remote mesh on this release's line
    for (const spec of specsFor(version)) {
      // WHEN rendered
      const bundle = renderMeshBundle(spec);
      const istioValues = bundle.helmValues.filter(
        v => v.chart in ISTIO_CHART_VALUES_FILES,
      );
      // THEN every chart of the release is present and every key exists in its defaults
      expect(new Set(istioValues.map(v => v.chart))).toEqual(
        new Set([
          'base',
          'gateway',
          'istiod',
          ...(facts.istiodRemoteChart &&
          spec.multiCluster.model === 'primary-remote'
            ? ['istiod-remote']
            : []),
        ]),
      );
      for (const values of istioValues) {
        const valuesFile = istioChartValuesFile(
          dir,
          release,
          facts,
          values.chart,
        );
        expect(valuesFile).toBeDefined();
        expect({
          file: values.file,
          unknown: unknownIstioChartValueKeys(
            values.values,
            readValuesFile(valuesFile!),
            facts,
            FREE_FORM,
          ),
        }).toEqual({
          file: values.file,
          unknown: [],
        });
        expect(values.chartVersion).toBe(version);
      }
    }
  });

  it('follows the version differences of the charts', () => {
    // GIVEN the same mesh on 1.17 and on 1.30
    const [old] = specsFor('1.17.8');
    const [current] = specsFor('1.30.3');
    const values = (spec: typeof old, chart: string) =>
      renderMeshBundle(spec).helmValues.find(
        v => v.chart === chart && v.cluster === 'east-1',
      )!.values as any;
    // THEN configValidation moves from base to istiod, telemetry.v2 loses its wasm keys,
    // multiCluster.enabled disappears and chart profiles appear
    expect(values(old, 'base').global.configValidation).toBe(true);
    expect(values(old, 'istiod').global.configValidation).toBeUndefined();
    expect(values(current, 'base').global.configValidation).toBeUndefined();
    expect(values(current, 'istiod').global.configValidation).toBe(true);
    expect(values(old, 'istiod').telemetry.v2.prometheus.wasmEnabled).toBe(
      false,
    );
    expect(values(current, 'istiod').telemetry.v2.prometheus).toEqual({
      enabled: true,
    });
    expect(values(old, 'istiod').global.multiCluster).toEqual({
      enabled: true,
      clusterName: 'east-1',
    });
    expect(values(current, 'istiod').global.multiCluster).toEqual({
      clusterName: 'east-1',
    });
  });
});
