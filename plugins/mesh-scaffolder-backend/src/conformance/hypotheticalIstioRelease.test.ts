import {
  createIstioReleaseFacts,
  ISTIO_RELEASE_HISTORY,
  type MeshClusterSpec,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import type { MeshBundle } from '../bundle/meshBundle';
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { validateBundle } from '../validate/validateBundle';
import { conformanceIstioVersion } from './conformanceData';
import { unknownIstioChartValueKeys } from './istioChartValueKeys';

/**
 * A hypothetical Istio 1.99, added to the release facts as a test double and nowhere else: its
 * charts bring back `global.multiCluster.enabled` and keep their defaults under a new wrapper.
 */
const releaseFacts = createIstioReleaseFacts({
  ...ISTIO_RELEASE_HISTORY,
  minors: [
    ...ISTIO_RELEASE_HISTORY.minors,
    {
      minor: 99,
      changes: {
        multiClusterEnabledKey: true,
        chartDefaultsWrapper: '_defaults_v99',
      },
    },
  ],
});

/** The 3-cluster multi-primary mesh on OpenShift, on a given Istio release. */
function meshOn(version: string): MeshClusterSpec {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.cluster.platform = 'openshift';
  const spec = parseMeshClusterSpec(input);
  // The spec schema knows only the supported releases; the render, validate and key checks
  // under test take the release facts they are given.
  return {
    ...spec,
    istio: { ...spec.istio, version, tag: version },
  };
}

function istiodValues(bundle: MeshBundle): Record<string, any> {
  const values = bundle.helmValues.find(
    v => v.chart === 'istiod' && v.cluster === 'east-1',
  );
  if (!values) throw new Error('the bundle has no istiod values for east-1');
  return values;
}

describe('a new Istio release is one entry in the release facts', () => {
  const spec = meshOn('1.99.0');

  it('renders a bundle for it', () => {
    // WHEN the 1.99 mesh is rendered with the facts that know 1.99
    const bundle = renderMeshBundle(spec, { istioReleaseFacts: releaseFacts });
    // THEN the charts are pinned to 1.99.0 and its values follow 1.99's facts, 1.31's otherwise
    const values = istiodValues(bundle);
    expect(values.chartVersion).toBe('1.99.0');
    expect(values.values.global.multiCluster).toEqual({
      enabled: true,
      clusterName: 'east-1',
    });
    expect(values.values.global.platform).toBe('openshift');
    expect(
      bundle.objects.find(o => o.object.kind === 'Gateway')?.object.apiVersion,
    ).toBe('networking.istio.io/v1');
    // AND the supported releases alone do not render it
    expect(() => renderMeshBundle(spec)).toThrow(
      'Istio 1.99.0 is not a supported release (1.17.x–1.31.x)',
    );
  });

  it('validates the bundle with the same facts', () => {
    // GIVEN the rendered 1.99 bundle
    const bundle = renderMeshBundle(spec, { istioReleaseFacts: releaseFacts });
    // THEN it is valid
    expect(validateBundle(bundle, { istioReleaseFacts: releaseFacts })).toEqual(
      [],
    );
    // WHEN its istiod values set 1.99's defaults wrapper
    const values = istiodValues(bundle);
    values.values = { ...values.values, _defaults_v99: { revision: 'x' } };
    // THEN that is reported with the 1.99 facts, and unknown to the supported releases
    expect(validateBundle(bundle, { istioReleaseFacts: releaseFacts })).toEqual(
      [
        {
          file: values.file,
          subject: expect.stringContaining('istiod'),
          path: '_defaults_v99',
          message: expect.stringContaining("chart's internal defaults wrapper"),
        },
      ],
    );
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('checks the chart value keys against a 1.99 chart', () => {
    // GIVEN the rendered 1.99 istiod values, and a 1.99 istiod chart whose defaults (under its
    // wrapper) hold what the 1.30 chart accepts for this mesh plus global.multiCluster.enabled
    const values = istiodValues(
      renderMeshBundle(spec, { istioReleaseFacts: releaseFacts }),
    ).values;
    const accepted = structuredClone(
      istiodValues(renderMeshBundle(meshOn('1.30.3'))).values,
    );
    delete accepted.global.platform;
    const chartDefaults = {
      ...accepted,
      global: {
        ...accepted.global,
        multiCluster: { ...accepted.global.multiCluster, enabled: false },
      },
    };
    const facts = releaseFacts.factsFor('1.99.0');
    // WHEN checked key by key with 1.99's facts
    // THEN every key is known: global.platform is a profile selector the charts read without a default
    expect(
      unknownIstioChartValueKeys(
        values,
        { _defaults_v99: chartDefaults },
        facts,
      ),
    ).toEqual([]);
    // AND a chart without the key 1.99 brings back reports it
    expect(
      unknownIstioChartValueKeys(values, { _defaults_v99: accepted }, facts),
    ).toEqual(['global.multiCluster.enabled']);
    // AND defaults under the 1.30 wrapper are not 1.99's defaults
    expect(
      unknownIstioChartValueKeys(
        values,
        { _internal_defaults_do_not_set: chartDefaults },
        facts,
      ),
    ).toEqual(expect.arrayContaining(['global', 'revision']));
    // AND with no conformance data of its own, 1.99 is checked against the newest that has some
    expect(conformanceIstioVersion('1.99.0', releaseFacts)).toBe('1.31.0-rc.0');
  });
});
