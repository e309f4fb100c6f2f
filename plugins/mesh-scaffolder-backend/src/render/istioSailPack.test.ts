import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { validateBundle } from '../validate/validateBundle';
import { renderMeshBundle } from './renderMeshBundle';
import { loadExampleSpecInput } from './__testUtils__/exampleSpecs';

/** The 3-cluster multi-primary mesh installed by Sail, sidecar or ambient, on 1.30.3. */
function sailMesh(
  dataplane: 'sidecar' | 'ambient',
  revision = true,
  engine = 'argocd',
) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.istio = { ...input.istio, installMethod: 'sail' };
  input.gitops = { ...input.gitops, engine };
  if (!revision) {
    input.istio = { ...input.istio, revision: '', revisionTags: [] };
  }
  if (dataplane === 'ambient') {
    input.istio = { ...input.istio, dataplane, profile: 'ambient' };
  }
  return parseMeshClusterSpec(input);
}

function objectsOf(
  bundle: ReturnType<typeof renderMeshBundle>,
  cluster: string,
) {
  return bundle.objects
    .filter(o => o.cluster === cluster)
    .map(o => o.object as any);
}

describe('Sail Operator render pack', () => {
  it('renders the Istio resource with the values the Helm path renders for istiod, less what Sail owns', () => {
    // GIVEN the same mesh installed by Helm and by Sail
    const helmInput = loadExampleSpecInput('multi-primary-3-clusters');
    const helm = renderMeshBundle(parseMeshClusterSpec(helmInput));
    const sail = renderMeshBundle(sailMesh('sidecar'));
    for (const cluster of ['east-1', 'west-1', 'central-1']) {
      const istiod = helm.helmValues.find(
        v => v.cluster === cluster && v.chart === 'istiod',
      )!.values;
      const { revision, revisionTags, ...sailOwned } = istiod;
      // WHEN the Sail tree's Istio resource is read
      const istio = objectsOf(sail, cluster).find(o => o.kind === 'Istio');
      // THEN it carries those values, a RevisionBased strategy and its cluster's multicluster values
      expect(revision).toBe('1-30-3');
      expect(revisionTags).toEqual(['prod']);
      expect(istio).toEqual({
        apiVersion: 'sailoperator.io/v1',
        kind: 'Istio',
        metadata: { name: '1-30-3' },
        spec: {
          version: 'v1.30.3',
          namespace: 'istio-system',
          profile: 'default',
          updateStrategy: { type: 'RevisionBased' },
          values: sailOwned,
        },
      });
      expect(istio.spec.values.global).toMatchObject({
        meshID: 'prod-mesh',
        multiCluster: { clusterName: cluster },
      });
    }
  });

  it('installs the operator by its own Helm release and no Istio chart, and a tag per revision tag', () => {
    const bundle = renderMeshBundle(sailMesh('sidecar'));
    const charts = bundle.helmValues
      .filter(v => v.cluster === 'east-1')
      .map(v => `${v.chart}@${v.chartVersion}/${v.namespace}`);
    expect(charts).toEqual(
      expect.arrayContaining(['sail-operator@1.30.3/sail-operator']),
    );
    expect(charts.filter(c => /^(base|istiod|cni|ztunnel)@/.test(c))).toEqual(
      [],
    );
    expect(
      objectsOf(bundle, 'east-1').filter(o => o.kind === 'IstioRevisionTag'),
    ).toEqual([
      {
        apiVersion: 'sailoperator.io/v1',
        kind: 'IstioRevisionTag',
        metadata: { name: 'prod' },
        spec: { targetRef: { kind: 'Istio', name: '1-30-3' } },
      },
    ]);
    expect(bundle.index.filter(e => e.kind === 'IstioOperator').length).toBe(0);
  });

  it('updates in place a control plane without a revision', () => {
    const bundle = renderMeshBundle(sailMesh('sidecar', false));
    const istio = objectsOf(bundle, 'east-1').find(o => o.kind === 'Istio');
    expect(istio.metadata.name).toBe('default');
    expect(istio.spec.updateStrategy).toEqual({ type: 'InPlace' });
    expect(
      objectsOf(bundle, 'east-1').some(o => o.kind === 'IstioRevisionTag'),
    ).toBe(false);
  });

  it('adds IstioCNI and ZTunnel for ambient, with the ztunnel chart values per cluster', () => {
    const bundle = renderMeshBundle(sailMesh('ambient'));
    const objects = objectsOf(bundle, 'west-1');
    expect(objects.find(o => o.kind === 'IstioCNI')).toEqual({
      apiVersion: 'sailoperator.io/v1',
      kind: 'IstioCNI',
      metadata: { name: 'default' },
      spec: {
        version: 'v1.30.3',
        namespace: 'istio-system',
        profile: 'ambient',
        values: {},
      },
    });
    expect(objects.find(o => o.kind === 'ZTunnel')).toEqual({
      apiVersion: 'sailoperator.io/v1',
      kind: 'ZTunnel',
      metadata: { name: 'default' },
      spec: {
        version: 'v1.30.3',
        namespace: 'istio-system',
        values: {
          ztunnel: {
            tag: '1.30.3',
            multiCluster: { clusterName: 'west-1' },
            network: 'net-west',
          },
        },
        targetRef: { kind: 'Istio', name: '1-30-3' },
      },
    });
  });

  it.each(['argocd', 'flux', 'kustomize'])(
    'validates without problems with %s, ambient included',
    engine => {
      for (const dataplane of ['sidecar', 'ambient'] as const) {
        const bundle = renderMeshBundle(sailMesh(dataplane, true, engine));
        expect(validateBundle(bundle)).toEqual([]);
      }
    },
  );
});
