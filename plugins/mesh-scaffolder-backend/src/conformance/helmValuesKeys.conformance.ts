import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  CONFORMANCE_ISTIO_VERSIONS,
  istioMinorVersion,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from '../render/renderMeshBundle';
// A *.conformance.ts file is a test, but lint only knows *.test.* names as tests.
// eslint-disable-next-line no-restricted-imports
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';
import { conformanceDir } from './conformanceData';

// Upstream chart values, read in place: this suite runs as `npm run test:conformance`, never in `npm test`.
const CONFORMANCE = path.join(conformanceDir(), 'istio');

const CHART_VALUES: Record<string, string> = {
  base: 'manifests/charts/base/values.yaml',
  istiod: 'manifests/charts/istio-control/istio-discovery/values.yaml',
  'istiod-remote': 'manifests/charts/istiod-remote/values.yaml',
  gateway: 'manifests/charts/gateway/values.yaml',
};

/**
 * Keys whose content is not a chart value tree: an API object of its own (MeshConfig) or a map of
 * user-chosen keys (labels, env) that merely has a default entry.
 */
const FREE_FORM = new Set(['meshConfig', 'labels', 'env']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Paths of `values` that the chart's defaults do not know, descending while defaults are non-empty maps. */
function unknownKeys(
  values: Record<string, unknown>,
  defaults: Record<string, unknown>,
  prefix = '',
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const keyPath = prefix ? `${prefix}.${key}` : key;
    if (!(key in defaults)) {
      problems.push(keyPath);
      continue;
    }
    const known = defaults[key];
    if (
      !FREE_FORM.has(keyPath) &&
      isPlainObject(value) &&
      isPlainObject(known) &&
      Object.keys(known).length > 0
    ) {
      problems.push(...unknownKeys(value, known, keyPath));
    }
  }
  return problems;
}

function chartDefaults(
  version: string,
  chart: string,
): Record<string, unknown> {
  const raw = parse(
    fs.readFileSync(
      path.join(CONFORMANCE, version, CHART_VALUES[chart]),
      'utf8',
    ),
  );
  // 1.23 nests the defaults under `defaults`, 1.24+ under `_internal_defaults_do_not_set`; users
  // still set top-level keys.
  const defaults = raw._internal_defaults_do_not_set ?? raw.defaults ?? raw;
  // From 1.23 every chart reads `profile` through its files/profile-*.yaml (SOURCES.md), so the
  // key is accepted although it has no default.
  const minor = istioMinorVersion(version);
  const withProfile = minor >= 23 ? { profile: '', ...defaults } : defaults;
  // From 1.24 `global.platform` selects files/profile-platform-*.yaml the same way.
  return minor >= 24
    ? {
        ...withProfile,
        global: { platform: '', ...(withProfile.global as object) },
      }
    : withProfile;
}

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
  it.each([...CONFORMANCE_ISTIO_VERSIONS])('Istio %s', version => {
    // GIVEN a multi-primary and a primary-remote mesh on this release
    for (const spec of specsFor(version)) {
      // WHEN rendered
      const bundle = renderMeshBundle(spec);
      const istioValues = bundle.helmValues.filter(
        v => v.chart in CHART_VALUES,
      );
      // THEN every chart of the release is present and every key exists in its defaults
      expect(new Set(istioValues.map(v => v.chart))).toEqual(
        new Set([
          'base',
          'gateway',
          'istiod',
          ...(istioMinorVersion(version) <= 23 &&
          spec.multiCluster.model === 'primary-remote'
            ? ['istiod-remote']
            : []),
        ]),
      );
      for (const values of istioValues) {
        expect({
          file: values.file,
          unknown: unknownKeys(
            values.values,
            chartDefaults(version, values.chart),
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
