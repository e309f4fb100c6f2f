import {
  defaultTargetPath,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from './renderMeshBundle';
import { loadExampleSpecInput } from './__testUtils__/exampleSpecs';

function meshOn(version: string, installMethod = 'helm') {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.istio = { ...input.istio, version, installMethod };
  return renderMeshBundle(parseMeshClusterSpec(input));
}

function find(
  version: string,
  kind: string,
  name: string,
  installMethod?: string,
): any {
  const bundle = meshOn(version, installMethod);
  return bundle.objects.find(
    o =>
      o.cluster === 'east-1' &&
      o.object.kind === kind &&
      o.object.metadata.name === name,
  )!.object;
}

describe('objects follow the Istio release', () => {
  it.each([
    [
      '1.17.8',
      'networking.istio.io/v1alpha3',
      'security.istio.io/v1beta1',
      'telemetry.istio.io/v1alpha1',
    ],
    [
      '1.21.6',
      'networking.istio.io/v1alpha3',
      'security.istio.io/v1beta1',
      'telemetry.istio.io/v1alpha1',
    ],
    [
      '1.22.8',
      'networking.istio.io/v1alpha3',
      'security.istio.io/v1',
      'telemetry.istio.io/v1',
    ],
    [
      '1.23.6',
      'networking.istio.io/v1alpha3',
      'security.istio.io/v1',
      'telemetry.istio.io/v1',
    ],
    [
      '1.24.6',
      'networking.istio.io/v1',
      'security.istio.io/v1',
      'telemetry.istio.io/v1',
    ],
    [
      '1.30.3',
      'networking.istio.io/v1',
      'security.istio.io/v1',
      'telemetry.istio.io/v1',
    ],
  ])(
    'Istio %s: Gateway %s, PeerAuthentication %s, Telemetry %s',
    (version, gateway, security, telemetry) => {
      // GIVEN the 3-cluster mesh on this release WHEN rendered THEN the served API versions are used
      expect(find(version, 'Gateway', 'cross-network-gateway').apiVersion).toBe(
        gateway,
      );
      expect(find(version, 'PeerAuthentication', 'default').apiVersion).toBe(
        security,
      );
      expect(find(version, 'Telemetry', 'mesh-default').apiVersion).toBe(
        telemetry,
      );
    },
  );

  it.each([
    ['1.17.8', 1, 'pod_name'],
    ['1.20.8', 2, 'pod_name'],
    ['1.27.9', 2, 'pod'],
  ])(
    'Istio %s: the PodMonitor has %i address rule(s) and the %s label',
    (version, addressRules, podLabel) => {
      const relabelings = find(version, 'PodMonitor', 'envoy-stats-monitor')
        .spec.podMetricsEndpoints[0].relabelings;
      expect(
        relabelings.filter((r: any) => r.targetLabel === '__address__'),
      ).toHaveLength(addressRules);
      expect(relabelings.at(-1).targetLabel).toBe(podLabel);
    },
  );

  it('uses the in-cluster operator up to 1.23 with the east-west gateway as its own IstioOperator', () => {
    const bundle = meshOn('1.23.6', 'operator');
    const kustomization = bundle.files.find(
      f => f.path === 'clusters/east-1/kustomization.yaml',
    )!.content;
    expect(kustomization).toContain('istio/istio-operator.yaml');
    expect(kustomization).toContain('istio/eastwest-operator.yaml');
    expect(bundle.helmValues.filter(v => v.chart === 'istiod')).toEqual([]);
    const eastwest = bundle.objects.find(
      o => o.cluster === 'east-1' && o.object.metadata.name === 'eastwest',
    )!;
    expect((eastwest.object as any).spec.revision).toBe('1-30-3');
  });

  it.each([
    ['1.23.6', undefined],
    ['1.24.6', 'openshift'],
    ['1.30.3', 'openshift'],
  ])(
    'Istio %s on OpenShift: istiod global.platform is %s',
    (version, platform) => {
      // GIVEN an OpenShift cluster WHEN rendered THEN the platform profile is chosen where charts have one
      const input = loadExampleSpecInput('seed-002-kiali-jaeger');
      input.istio.version = version;
      input.cluster = { platform: 'openshift' };
      const bundle = renderMeshBundle(parseMeshClusterSpec(input));
      const istiod = bundle.helmValues.find(v => v.chart === 'istiod')!
        .values as any;
      expect(istiod.global.platform).toBe(platform);
    },
  );

  it('renders revision and revision tags into istiod and labels namespaces with the tag', () => {
    const bundle = meshOn('1.30.3');
    const istiod = bundle.helmValues.find(
      v => v.cluster === 'east-1' && v.chart === 'istiod',
    )!;
    expect(istiod.release).toBe('istiod-1-30-3');
    expect(istiod.values).toMatchObject({
      revision: '1-30-3',
      revisionTags: ['prod'],
    });
    const shop = bundle.objects.find(
      o => o.cluster === 'east-1' && o.object.metadata.name === 'shop',
    )!;
    expect(shop.object.metadata.labels).toEqual({ 'istio.io/rev': 'prod' });
    const gateway = bundle.helmValues.find(
      v => v.cluster === 'east-1' && v.release === 'istio-ingressgateway',
    )!;
    expect(gateway.values.revision).toBe('1-30-3');
  });
});

describe('multi-cluster trees', () => {
  it('gives every member its own name, network and east-west address, with mesh-wide values equal', () => {
    // GIVEN the 3-cluster multi-primary example WHEN rendered
    const bundle = meshOn('1.30.3');
    // THEN each tree carries its own identity and the same mesh identity
    expect(bundle.clusters).toEqual(['east-1', 'west-1', 'central-1']);
    const expected: Record<string, [string, string]> = {
      'east-1': ['net-east', '203.0.113.10'],
      'west-1': ['net-west', '203.0.113.20'],
      'central-1': ['net-central', '203.0.113.30'],
    };
    for (const [cluster, [network, address]] of Object.entries(expected)) {
      const istiod = bundle.helmValues.find(
        v => v.cluster === cluster && v.chart === 'istiod',
      )!.values as any;
      expect(istiod.global).toMatchObject({
        meshID: 'prod-mesh',
        network,
        multiCluster: { clusterName: cluster },
        tag: '1.30.3',
      });
      expect(istiod.meshConfig.trustDomain).toBe('prod.example.com');
      const eastwest = bundle.helmValues.find(
        v => v.cluster === cluster && v.release === 'istio-eastwestgateway',
      )!.values as any;
      expect(eastwest.service.loadBalancerIP).toBe(address);
      expect(eastwest.networkGateway).toBe(network);
      expect(eastwest.env).toEqual({
        ISTIO_META_REQUESTED_NETWORK_VIEW: network,
      });
      expect(
        bundle.files.some(
          f => f.path === `${defaultTargetPath(cluster)}/kustomization.yaml`,
        ),
      ).toBe(true);
    }
    // the ingress address and MetalLB pool belong to the spec's own cluster only
    const ingress = (cluster: string) =>
      (
        bundle.helmValues.find(
          v => v.cluster === cluster && v.release === 'istio-ingressgateway',
        )!.values as any
      ).service;
    expect(ingress('east-1').loadBalancerIP).toBe('203.0.113.11');
    expect(ingress('west-1').loadBalancerIP).toBeUndefined();
  });

  it('points a remote at its primary through the east-west gateway, and exposes istiod there', () => {
    const input = loadExampleSpecInput('multi-primary-3-clusters');
    input.multiCluster = {
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
    const bundle = renderMeshBundle(parseMeshClusterSpec(input));
    const remote = bundle.helmValues.find(
      v => v.cluster === 'west-1' && v.chart === 'istiod',
    )!.values as any;
    expect(remote.profile).toBe('remote');
    expect(remote.global.remotePilotAddress).toBe('203.0.113.10');
    expect(remote.istiodRemote.injectionPath).toBe(
      '/inject/cluster/west-1/net/net-west',
    );
    const exposed = bundle.objects.filter(
      o => o.cluster === 'east-1' && o.file.endsWith('expose-istiod.yaml'),
    );
    expect(exposed.map(o => o.object.kind)).toEqual([
      'Gateway',
      'VirtualService',
    ]);
    expect(
      bundle.objects.some(
        o => o.cluster === 'west-1' && o.file.endsWith('expose-istiod.yaml'),
      ),
    ).toBe(false);
  });

  it('follows a custom gitops.targetPath for the spec cluster and its pattern for peers', () => {
    const input = loadExampleSpecInput('multi-primary-3-clusters');
    input.gitops.targetPath = 'fleet/east-1/mesh';
    const bundle = renderMeshBundle(parseMeshClusterSpec(input));
    const roots = [
      ...new Set(
        bundle.files.map(f => f.path.split('/').slice(0, 3).join('/')),
      ),
    ].filter(p => p.includes('/'));
    expect(roots.sort()).toEqual([
      'fleet/central-1/mesh',
      'fleet/east-1/mesh',
      'fleet/west-1/mesh',
    ]);
  });

  it('refuses a target path that would leave the bundle', () => {
    const input = loadExampleSpecInput('seed-001-rke2-otel-tempo');
    const spec = parseMeshClusterSpec(input);
    expect(() =>
      renderMeshBundle({
        ...spec,
        gitops: { ...spec.gitops, targetPath: '../../etc' },
      }),
    ).toThrow('gitops.targetPath "../../etc" must be a relative path');
  });
});
