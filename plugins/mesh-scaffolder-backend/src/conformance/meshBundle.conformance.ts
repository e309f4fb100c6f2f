import fs from 'fs';
import path from 'path';
import {
  ISTIO_RELEASE_FACTS,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from '../render/renderMeshBundle';
// A test run by `npm run test:conformance`; the lint rule only recognises *.test.ts as tests.
// eslint-disable-next-line no-restricted-imports
import {
  loadExampleSpec,
  loadExampleSpecInput,
  loadExampleSpecs,
  variantSpecs,
} from '../render/__testUtils__/exampleSpecs';
import { checkBundleConformance } from './checkBundleConformance';
import { readValuesFile } from './chartValues';
import {
  conformanceDir,
  conformanceIstioVersion,
  conformanceReleaseFacts,
  istioChartValuesFile,
} from './conformanceData';
import { unknownIstioChartValueKeys } from './istioChartValueKeys';

// Fails the whole suite with a clear message when the upstream data is missing.
const dir = conformanceDir();

/** The 3-cluster multi-primary mesh on Istio 1.31.0, with sidecars (helm) or ambient, and an engine. */
function meshOn131(dataplane: 'sidecar' | 'ambient', engine = 'argocd') {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.istio = { ...input.istio, version: '1.31.0', revision: '1-31-0' };
  if (dataplane === 'ambient') {
    input.istio = { ...input.istio, dataplane, profile: 'ambient' };
  }
  if (engine !== 'argocd') {
    input.gitops = { engine, repoUrl: 'https://git.example.com/mesh.git' };
  }
  return parseMeshClusterSpec(input);
}

/** Test inputs on Istio 1.31 (not example specs: the examples move to 1.31 with the default). */
const istio131 = [
  { name: 'helm multi-primary on 1.31', spec: meshOn131('sidecar') },
  { name: 'ambient multi-primary on 1.31', spec: meshOn131('ambient') },
  {
    name: 'ambient multi-primary on 1.31 with Flux',
    spec: meshOn131('ambient', 'flux'),
  },
];

const examples = [...loadExampleSpecs(), ...variantSpecs(), ...istio131].map(
  e => ({
    ...e,
    conformance: conformanceIstioVersion(e.spec.istio.version),
  }),
);

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

describe('Istio 1.31 bundles conform to the 1.31.0-rc.0 data and Gateway API v1.6.0', () => {
  it('checks the helm variant against the 1.31 charts and CRDs', () => {
    const bundle = renderMeshBundle(meshOn131('sidecar'));
    const report = checkBundleConformance(bundle, dir, '1.31.0');
    expect(report.istioVersion).toBe('1.31.0-rc.0');
    expect(report.problems).toEqual([]);
    expect([...report.checked]).toEqual(
      expect.arrayContaining([
        'networking.istio.io/v1/Gateway',
        'security.istio.io/v1/PeerAuthentication',
        'values:base',
        'values:istiod',
        'values:gateway',
      ]),
    );
    // No Gateway API resource, so no Gateway API CRDs to install.
    expect(bundle.objects.some(o => o.component === 'gateway-api')).toBe(false);
  });

  it('checks the ambient variant against the 1.31 data and its east-west Gateway against Gateway API v1.6.0', () => {
    const bundle = renderMeshBundle(meshOn131('ambient'));
    const report = checkBundleConformance(bundle, dir, '1.31.0');
    expect(report.problems).toEqual([]);
    expect([...report.checked]).toEqual(
      expect.arrayContaining([
        'gateway.networking.k8s.io/v1/Gateway',
        'values:istiod',
        'values:cni',
        'values:ztunnel',
      ]),
    );
  });

  it('reports a ztunnel values key the 1.31 chart does not have', () => {
    const bundle = renderMeshBundle(meshOn131('ambient'));
    const values = bundle.helmValues.find(
      v => v.chart === 'ztunnel' && v.cluster === 'east-1',
    );
    if (!values) throw new Error('the ambient bundle has no ztunnel values');
    values.values = { ...values.values, replicaCount: 2 };
    expect(checkBundleConformance(bundle, dir, '1.31.0').problems).toEqual([
      `${values.file} values:ztunnel replicaCount: not a key of the chart's default values`,
    ]);
  });

  it('reports a Gateway API CRD pin other than the one 1.31 requires', () => {
    // GIVEN the ambient 1.31 bundle whose east-1 Application installs the 1.30 release
    const bundle = renderMeshBundle(meshOn131('ambient'));
    const entry = bundle.objects.find(
      o => o.component === 'gateway-api' && o.cluster === 'east-1',
    );
    if (!entry)
      throw new Error('the ambient bundle has no gateway-api component');
    const application = structuredClone(entry.object) as any;
    application.spec.source.targetRevision = 'v1.5.1';
    entry.object = application;
    // WHEN checked THEN the pin is reported with its file
    expect(checkBundleConformance(bundle, dir, '1.31.0').problems).toEqual([
      `${entry.file} Application/argocd/east-1-gateway-api-crds: installs Gateway API v1.5.1, but the Istio line requires v1.6.0`,
    ]);
  });

  it('reports an east-west Gateway field that the Gateway API v1.6.0 CRD does not have', () => {
    const bundle = renderMeshBundle(meshOn131('ambient'));
    const entry = bundle.objects.find(
      o => o.object.kind === 'Gateway' && o.cluster === 'west-1',
    );
    if (!entry) throw new Error('the ambient bundle has no Gateway');
    const gateway = structuredClone(entry.object) as any;
    gateway.spec.listeners[0].portNumber = 15008;
    entry.object = gateway;
    expect(checkBundleConformance(bundle, dir, '1.31.0').problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${entry.file} Gateway/istio-system/\\S+ spec\\.listeners\\[0\\]\\.portNumber: unknown field`,
        ),
      ),
    ]);
  });
});

describe('istio.compatibilityVersion conforms to the charts and the Sail CRDs', () => {
  /** The 3-cluster mesh with a compatibility profile, installed by `installMethod`. */
  function meshKeeping(
    compatibilityVersion: string,
    version: string,
    installMethod: string,
  ) {
    const input = loadExampleSpecInput('multi-primary-3-clusters');
    input.istio = {
      ...input.istio,
      version,
      revision: `rev-${version.replace(/\./g, '-')}`,
      installMethod,
      compatibilityVersion,
    };
    return parseMeshClusterSpec(input);
  }

  /** Where each install method writes the istiod values of east-1. */
  function istiodValuesOf(
    bundle: ReturnType<typeof renderMeshBundle>,
    installMethod: string,
  ): any {
    if (installMethod === 'helm') {
      return bundle.helmValues.find(
        v => v.chart === 'istiod' && v.cluster === 'east-1',
      )!.values;
    }
    const kind = installMethod === 'sail' ? 'Istio' : 'IstioOperator';
    const entry = bundle.objects.find(
      o => o.cluster === 'east-1' && o.object.kind === kind,
    );
    return (entry!.object as any).spec.values;
  }

  it.each([
    ['helm', '1.31.0', '1.30', 'values:istiod'],
    ['helm', '1.30.3', '1.25', 'values:istiod'],
    ['sail', '1.30.3', '1.29', 'sailoperator.io/v1/Istio'],
  ])(
    '%s on Istio %s keeping %s',
    (installMethod, version, compatibilityVersion, checkedKind) => {
      // GIVEN a mesh keeping an older release's behaviour
      const spec = meshKeeping(compatibilityVersion, version, installMethod);
      // WHEN rendered and checked against that release's charts, CRDs and the Sail CRDs
      const bundle = renderMeshBundle(spec);
      const report = checkBundleConformance(bundle, dir, version);
      // THEN the value is written where the chart reads it, and nothing is unknown or invalid
      expect(istiodValuesOf(bundle, installMethod).compatibilityVersion).toBe(
        compatibilityVersion,
      );
      expect(report.problems).toEqual([]);
      expect([...report.checked]).toContain(checkedKind);
    },
  );

  it("istioctl on Istio 1.30.3 keeping 1.29: the IstioOperator's values are keys of the istiod chart", () => {
    // GIVEN an istioctl mesh keeping 1.29's behaviour (no IstioOperator CRD to check it against)
    const bundle = renderMeshBundle(meshKeeping('1.29', '1.30.3', 'istioctl'));
    const values = istiodValuesOf(bundle, 'istioctl');
    expect(values.compatibilityVersion).toBe('1.29');
    // WHEN its values are checked by key against the 1.30.3 istiod chart, which istioctl renders
    const facts = conformanceReleaseFacts('1.30.3');
    const valuesFile = istioChartValuesFile(dir, '1.30.3', facts, 'istiod');
    // THEN every key is one the chart reads
    expect(
      unknownIstioChartValueKeys(values, readValuesFile(valuesFile!), facts),
    ).toEqual([]);
  });

  it("matches the facts' profiles to the istiod chart's compatibility profile files, where the data holds them", () => {
    const profilesChecked: string[] = [];
    for (const line of ISTIO_RELEASE_FACTS.lines) {
      const filesDir = path.join(
        dir,
        'istio',
        line.conformanceRelease ?? '',
        'manifests/charts/istio-control/istio-discovery/files',
      );
      if (!line.conformanceRelease || !fs.existsSync(filesDir)) continue;
      const shipped = fs
        .readdirSync(filesDir)
        .map(f => /^profile-compatibility-version-(1\.\d+)\.yaml$/.exec(f)?.[1])
        .filter((v): v is string => v !== undefined)
        .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
      expect({ release: line.conformanceRelease, shipped }).toEqual({
        release: line.conformanceRelease,
        shipped: line.compatibilityVersions,
      });
      profilesChecked.push(line.conformanceRelease);
    }
    expect(profilesChecked).toEqual(['1.23.6', '1.24.6', '1.27.9']);
  });
});
