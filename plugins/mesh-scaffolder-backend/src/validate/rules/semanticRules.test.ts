import { BundleBuilder, namespace } from '../__testUtils__/bundleBuilder';
import { indexMatchesObjects } from './indexMatchesObjects';
import { kustomizationResources } from './kustomizationResources';
import { networkLabels } from './networkLabels';
import { networkPolicyPorts } from './networkPolicyPorts';
import { revisionConsistency } from './revisionConsistency';
import { tracingEndpoints } from './tracingEndpoints';
import { uniqueClusterNames } from './uniqueClusterNames';

function istiod(
  clusterName: string,
  network: string,
  extra: Record<string, unknown> = {},
) {
  return {
    global: { multiCluster: { clusterName }, network, meshID: 'm' },
    ...extra,
  };
}

describe('uniqueClusterNames', () => {
  it('reports the second cluster tree that reuses a clusterName', () => {
    // GIVEN two trees whose istiod values both say clusterName "west"
    const bundle = new BundleBuilder()
      .cluster('a')
      .cluster('b')
      .values('a', 'istiod', istiod('west', 'n1'))
      .values('b', 'istiod', istiod('west', 'n2'))
      .build();
    // THEN the second is reported at its field
    expect(uniqueClusterNames(bundle)).toEqual([
      expect.objectContaining({
        file: 'clusters/b/istio/values/istiod.yaml',
        path: 'global.multiCluster.clusterName',
        message: expect.stringContaining('already used by cluster tree "a"'),
      }),
    ]);
    expect(
      uniqueClusterNames(
        new BundleBuilder()
          .cluster('a')
          .cluster('b')
          .values('a', 'istiod', istiod('a', 'n1'))
          .values('b', 'istiod', istiod('b', 'n2'))
          .build(),
      ),
    ).toEqual([]);
  });
});

describe('networkLabels', () => {
  it('reports an Istio namespace label that differs from global.network', () => {
    const bundle = new BundleBuilder()
      .cluster('a')
      .values('a', 'istiod', istiod('a', 'net-a'))
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('istio-system', { 'topology.istio.io/network': 'net-b' }),
        'namespaces',
      )
      .build();
    expect(networkLabels(bundle)).toEqual([
      expect.objectContaining({
        file: 'clusters/a/namespaces.yaml',
        path: 'metadata.labels["topology.istio.io/network"]',
        message: expect.stringContaining(
          '"net-b" but the network set in clusters/a/istio/values/istiod.yaml global.network is "net-a"',
        ),
      }),
    ]);
  });

  it('requires the label in a multi-network mesh and checks east-west gateway values', () => {
    const bundle = new BundleBuilder()
      .cluster('a')
      .cluster('b')
      .values('a', 'istiod', istiod('a', 'net-a'))
      .values(
        'a',
        'gateway',
        {
          networkGateway: 'net-x',
          labels: {
            istio: 'eastwestgateway',
            'topology.istio.io/network': 'net-a',
          },
          env: { ISTIO_META_REQUESTED_NETWORK_VIEW: 'net-a' },
        },
        { file: 'clusters/a/istio/values/gateway-eastwest.yaml' },
      )
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('istio-system'),
        'namespaces',
      )
      .build();
    expect(networkLabels(bundle).map(p => [p.file, p.path])).toEqual([
      [
        'clusters/a/namespaces.yaml',
        'metadata.labels["topology.istio.io/network"]',
      ],
      ['clusters/a/istio/values/gateway-eastwest.yaml', 'networkGateway'],
    ]);
  });
});

describe('revisionConsistency', () => {
  const base = () =>
    new BundleBuilder()
      .cluster('a')
      .values(
        'a',
        'istiod',
        istiod('a', 'n', { revision: '1-30-3', revisionTags: ['prod'] }),
      );

  it('accepts gateways on the revision and namespaces on the revision or a tag', () => {
    const bundle = base()
      .values('a', 'gateway', { revision: '1-30-3' })
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('shop', { 'istio.io/rev': 'prod' }),
        'namespaces',
      )
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('pay', { 'istio.io/rev': '1-30-3' }),
        'namespaces',
      )
      .build();
    expect(revisionConsistency(bundle)).toEqual([]);
  });

  it('reports a gateway on another revision, an unknown tag and istio-injection without a default revision', () => {
    const bundle = base()
      .values('a', 'gateway', { revision: '1-29-0' })
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('shop', { 'istio.io/rev': 'canary' }),
        'namespaces',
      )
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('legacy', { 'istio-injection': 'enabled' }),
        'namespaces',
      )
      .build();
    expect(revisionConsistency(bundle).map(p => [p.file, p.path])).toEqual([
      ['clusters/a/istio/values/gateway.yaml', 'revision'],
      ['clusters/a/namespaces.yaml', 'metadata.labels["istio.io/rev"]'],
      ['clusters/a/namespaces.yaml', 'metadata.labels["istio-injection"]'],
    ]);
  });
});

describe('tracingEndpoints', () => {
  const withProvider = (service: string) =>
    new BundleBuilder().cluster('a').values(
      'a',
      'istiod',
      istiod('a', 'n', {
        meshConfig: {
          extensionProviders: [
            { name: 'otel', opentelemetry: { service, port: 4317 } },
          ],
        },
      }),
    );
  const collector = {
    apiVersion: 'opentelemetry.io/v1beta1',
    kind: 'OpenTelemetryCollector',
    metadata: { name: 'otel', namespace: 'observability' },
    spec: {
      config: {
        exporters: { otlp: { endpoint: 'tempo.tempo.svc.cluster.local:4317' } },
      },
    },
  };

  it('accepts a provider pointing at the rendered collector, which exports to the rendered Tempo', () => {
    const bundle = withProvider(
      'otel-collector.observability.svc.cluster.local',
    )
      .object(
        'a',
        'clusters/a/observability/otel.yaml',
        collector,
        'observability',
      )
      .values(
        'a',
        'tempo',
        {},
        {
          namespace: 'tempo',
          release: 'tempo',
          file: 'clusters/a/observability/values/tempo.yaml',
        },
      )
      .build();
    expect(tracingEndpoints(bundle)).toEqual([]);
  });

  it('reports a provider and an exporter that point at services nothing renders', () => {
    const bundle = withProvider(
      'jaeger-collector.istio-system.svc.cluster.local',
    )
      .object(
        'a',
        'clusters/a/observability/otel.yaml',
        collector,
        'observability',
      )
      .build();
    expect(tracingEndpoints(bundle).map(p => [p.file, p.path])).toEqual([
      [
        'clusters/a/istio/values/istiod.yaml',
        'meshConfig.extensionProviders[0].opentelemetry.service',
      ],
      [
        'clusters/a/observability/otel.yaml',
        'spec.config.exporters.otlp.endpoint',
      ],
    ]);
  });

  it('does not judge addresses outside the cluster', () => {
    expect(
      tracingEndpoints(withProvider('collector.example.com').build()),
    ).toEqual([]);
  });
});

describe('networkPolicyPorts', () => {
  const kialiPolicy = (ports: number[]) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-kiali', namespace: 'istio-system' },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'kiali' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: ports.map(port => ({ port, protocol: 'TCP' })) }],
    },
  });
  const kiali = {
    apiVersion: 'kiali.io/v1alpha1',
    kind: 'Kiali',
    metadata: { name: 'kiali', namespace: 'istio-system' },
    spec: {},
  };

  /** Cluster `a` with a policy admitting `ports` to Kiali, and Kiali itself unless told otherwise. */
  const bundleWithKialiPolicy = (ports: number[], withKiali = true) => {
    const builder = new BundleBuilder().cluster('a');
    if (withKiali) {
      builder.object(
        'a',
        'clusters/a/observability/kiali.yaml',
        kiali,
        'observability',
      );
    }
    return builder
      .object('a', 'clusters/a/policy/np.yaml', kialiPolicy(ports), 'policy')
      .build();
  };

  it('reports a Kiali policy without Kiali, and one that misses the Kiali port', () => {
    expect(networkPolicyPorts(bundleWithKialiPolicy([20001], false))).toEqual([
      expect.objectContaining({
        path: 'spec.podSelector',
        message: expect.stringContaining(
          'admits traffic to Kiali, which the bundle does not render',
        ),
      }),
    ]);
    expect(networkPolicyPorts(bundleWithKialiPolicy([9090]))).toEqual([
      expect.objectContaining({
        path: 'spec.ingress',
        message: expect.stringContaining('port 20001'),
      }),
    ]);
    expect(networkPolicyPorts(bundleWithKialiPolicy([20001, 9090]))).toEqual(
      [],
    );
  });

  it('requires 15443 and 15021 on a policy for the east-west gateway', () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'gw', namespace: 'istio-system' },
      spec: {
        podSelector: {
          matchExpressions: [
            { key: 'istio', operator: 'In', values: ['eastwestgateway'] },
          ],
        },
        ingress: [{ ports: [{ port: 15021 }] }],
      },
    };
    const bundle = new BundleBuilder()
      .cluster('a')
      .values('a', 'gateway', { labels: { istio: 'eastwestgateway' } })
      .object('a', 'clusters/a/policy/np.yaml', policy, 'policy')
      .build();
    expect(networkPolicyPorts(bundle)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('port 15443'),
      }),
    ]);
  });
});

describe('kustomizationResources', () => {
  it('reports a missing resource and an object file the kustomization leaves out', () => {
    const bundle = new BundleBuilder()
      .cluster('a')
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('istio-system'),
        'namespaces',
      )
      .object('a', 'clusters/a/policy/np.yaml', namespace('x'), 'policy')
      .file(
        'clusters/a/kustomization.yaml',
        'resources:\n  - namespaces.yaml\n  - missing.yaml\n',
      )
      .file('clusters/a/namespaces.yaml', '')
      .file('clusters/a/policy/np.yaml', '')
      .build();
    expect(kustomizationResources(bundle).map(p => [p.file, p.path])).toEqual([
      ['clusters/a/kustomization.yaml', 'resources[1]'],
      ['clusters/a/policy/np.yaml', ''],
    ]);
  });

  it('accepts folders with their own kustomization and refuses paths leaving the tree', () => {
    const bundle = new BundleBuilder()
      .cluster('a')
      .object('a', 'clusters/a/policy/np.yaml', namespace('x'), 'policy')
      .file(
        'clusters/a/kustomization.yaml',
        'resources:\n  - policy\n  - ../b/secret.yaml\n',
      )
      .file('clusters/a/policy/kustomization.yaml', 'resources:\n  - np.yaml\n')
      .file('clusters/a/policy/np.yaml', '')
      .file('clusters/b/secret.yaml', '')
      .build();
    expect(kustomizationResources(bundle)).toEqual([
      expect.objectContaining({
        path: 'resources[1]',
        message: expect.stringContaining('leaves the folder'),
      }),
    ]);
  });
});

describe('indexMatchesObjects', () => {
  it('reports objects missing from the index, stale entries and wrong components', () => {
    const bundle = new BundleBuilder()
      .cluster('a')
      .object('a', 'clusters/a/namespaces.yaml', namespace('one'), 'namespaces')
      .object('a', 'clusters/a/namespaces.yaml', namespace('two'), 'namespaces')
      .build();
    bundle.index[0] = { ...bundle.index[0], component: 'policy' };
    bundle.index[1] = { ...bundle.index[1], name: 'three' };
    expect(indexMatchesObjects(bundle).map(p => p.message)).toEqual([
      'gives v1 Namespace one component "policy" but it belongs to "namespaces"',
      'does not list v1 Namespace two of clusters/a/namespaces.yaml',
      'lists v1 Namespace three in clusters/a/namespaces.yaml, but the bundle has no such object there',
    ]);
  });
});
