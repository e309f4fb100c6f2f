import {
  parseMeshClusterSpec,
  safeParseMeshClusterSpec,
} from './parseMeshClusterSpec';
import { MeshSpecError } from './specErrors';
import { valueAtPath } from './testUtils';

/** Two clusters on two networks, seen from cluster "a": the base of the multi-cluster cases. */
const twoNetworkMesh = {
  cluster: { name: 'a', network: 'net-a' },
  multiCluster: {
    model: 'multi-primary',
    clusters: [
      { name: 'a', network: 'net-a', role: 'primary' },
      { name: 'b', network: 'net-b', role: 'primary' },
    ],
  },
  eastWestGateway: { enabled: true },
};

/** A primary "p" with one remote "r", seen from the primary. */
const primaryRemoteMesh = {
  cluster: { name: 'p', network: 'net-1' },
  multiCluster: {
    model: 'primary-remote',
    clusters: [
      {
        name: 'p',
        network: 'net-1',
        role: 'primary',
        eastWestGatewayAddress: '192.0.2.10',
      },
      { name: 'r', network: 'net-1', role: 'remote', primaryClusterName: 'p' },
    ],
  },
  eastWestGateway: { enabled: true },
};

describe('parseMeshClusterSpec defaults', () => {
  it('completes an empty spec into a working single-cluster mesh', () => {
    const spec = parseMeshClusterSpec({});
    expect(spec.mesh).toEqual({ id: 'mesh1', trustDomain: 'cluster.local' });
    expect(spec.cluster).toEqual({
      name: 'cluster1',
      network: 'network1',
      platform: 'generic',
    });
    expect(spec.istio).toMatchObject({
      version: '1.31.0',
      tag: '1.31.0',
      installMethod: 'helm',
      profile: 'default',
      namespace: 'istio-system',
      revision: '',
      hub: '',
      dataplane: 'sidecar',
    });
    expect(spec.multiCluster).toEqual({ model: 'single', clusters: [] });
    expect(spec.eastWestGateway.enabled).toBe(false);
    expect(spec.eastWestGateway.ports).toEqual({
      statusPort: 15021,
      crossNetworkTlsPort: 15443,
      istiodTlsPort: 15012,
      webhookTlsPort: 15017,
    });
    expect(spec.ingressGateway).toMatchObject({
      enabled: true,
      name: 'istio-ingressgateway',
      serviceType: 'LoadBalancer',
    });
    expect(spec.observability.prometheus).toMatchObject({
      stack: 'kube-prometheus-stack',
      namespace: 'monitoring',
      url: 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090',
    });
    expect(spec.observability.tracing).toMatchObject({
      backend: 'none',
      samplingPercentage: 1,
      proxyExportAddress: '',
    });
    expect(spec.policy.peerAuthenticationMode).toBe('PERMISSIVE');
    expect(spec.gitops).toMatchObject({
      engine: 'kustomize',
      branch: 'main',
      targetPath: 'clusters/cluster1',
    });
  });

  it('derives the GitOps folder from the cluster name', () => {
    const spec = parseMeshClusterSpec({ cluster: { name: 'x' } });
    expect(spec.cluster.name).toBe('x');
    expect(spec.gitops.targetPath).toBe('clusters/x');
  });

  it('keeps an explicit GitOps folder', () => {
    const spec = parseMeshClusterSpec({
      gitops: { targetPath: 'meshes/prod/x' },
    });
    expect(spec.gitops.targetPath).toBe('meshes/prod/x');
  });

  it('gives the same spec for {} and for its own output (defaults are stable)', () => {
    const once = parseMeshClusterSpec({});
    expect(parseMeshClusterSpec(JSON.parse(JSON.stringify(once)))).toEqual(
      once,
    );
  });
});

describe('parseMeshClusterSpec derived values', () => {
  it.each([
    [
      'TLS secret from the first host',
      {
        ingressGateway: {
          tls: {
            enabled: true,
            issuerRef: { name: 'le' },
            hosts: ['shop.example.com'],
          },
        },
      },
      'ingressGateway.tls.secretName',
      'shop-example-com',
    ],
    [
      'TLS secret from a wildcard host',
      {
        ingressGateway: {
          tls: {
            enabled: true,
            issuerRef: { name: 'le' },
            hosts: ['*.example.com'],
          },
        },
      },
      'ingressGateway.tls.secretName',
      'wildcard-example-com',
    ],
    [
      'Certificate name from the secret',
      {
        ingressGateway: {
          tls: {
            enabled: true,
            issuerRef: { name: 'le' },
            hosts: ['a.example.com'],
            secretName: 'a-tls',
          },
        },
      },
      'ingressGateway.tls.certificateName',
      'a-tls',
    ],
    [
      'rancher-monitoring namespace',
      { observability: { prometheus: { stack: 'rancher-monitoring' } } },
      'observability.prometheus.namespace',
      'cattle-monitoring-system',
    ],
    [
      'rancher-monitoring URL',
      { observability: { prometheus: { stack: 'rancher-monitoring' } } },
      'observability.prometheus.url',
      'http://rancher-monitoring-prometheus.cattle-monitoring-system.svc:9090',
    ],
    [
      'Kiali Prometheus URL',
      { observability: { kiali: { enabled: true } } },
      'observability.kiali.externalUrls.prometheus',
      'http://kube-prometheus-stack-prometheus.monitoring.svc:9090',
    ],
    [
      'Tempo via the collector, OTLP',
      {
        observability: {
          tracing: { backend: 'tempo', viaOtelCollector: true },
        },
      },
      'observability.tracing.proxyExportAddress',
      'otel-collector.observability.svc.cluster.local:4317',
    ],
    [
      'collector export to Tempo',
      {
        observability: {
          tracing: { backend: 'tempo', viaOtelCollector: true },
        },
      },
      'observability.tracing.collectorExportAddress',
      'tempo.tempo.svc.cluster.local:4317',
    ],
    [
      'Jaeger direct over Zipkin',
      {
        observability: {
          tracing: { backend: 'jaeger', proxyProtocol: 'zipkin' },
        },
      },
      'observability.tracing.proxyExportAddress',
      'zipkin.istio-system.svc.cluster.local:9411',
    ],
    [
      'Jaeger query URL',
      { observability: { tracing: { backend: 'jaeger' } } },
      'observability.tracing.queryUrl',
      'http://tracing.istio-system.svc:16686/jaeger',
    ],
    [
      'Argo CD namespace',
      {
        gitops: { engine: 'argocd', repoUrl: 'https://git.example.com/m.git' },
      },
      'gitops.controllerNamespace',
      'argocd',
    ],
    [
      'Flux namespace',
      { gitops: { engine: 'flux', repoUrl: 'https://git.example.com/m.git' } },
      'gitops.controllerNamespace',
      'flux-system',
    ],
    [
      'image tag from the version',
      { istio: { version: '1.24.6' } },
      'istio.tag',
      '1.24.6',
    ],
  ])('derives %s', (_name, input, path, expected) => {
    expect(valueAtPath(parseMeshClusterSpec(input), path)).toEqual(expected);
  });
});

describe('parseMeshClusterSpec accepts', () => {
  it.each([
    ['the oldest supported release', { istio: { version: '1.17.0' } }],
    ['any patch of a supported minor', { istio: { version: '1.29.12' } }],
    [
      'the operator on 1.23',
      { istio: { version: '1.23.6', installMethod: 'operator' } },
    ],
    [
      'ambient on 1.24 with the ambient profile',
      {
        istio: { version: '1.24.6', dataplane: 'ambient', profile: 'ambient' },
      },
    ],
    [
      'a revision with tags',
      { istio: { revision: '1-30-3', revisionTags: ['prod', 'default'] } },
    ],
    [
      'a suffixed image tag',
      { istio: { version: '1.30.3', tag: '1.30.3-distroless' } },
    ],
    [
      'a registry mirror with a port',
      { istio: { hub: 'registry.example.com:5000/mirror/istio' } },
    ],
    ['a two-network multi-primary mesh', twoNetworkMesh],
    ['a primary-remote mesh from the primary', primaryRemoteMesh],
    [
      'a primary-remote mesh from the remote',
      {
        ...primaryRemoteMesh,
        cluster: { name: 'r', network: 'net-1' },
        istio: { profile: 'remote' },
        eastWestGateway: { enabled: false },
      },
    ],
    [
      'an IPv6 LoadBalancer address',
      { ingressGateway: { loadBalancerIP: '2001:db8::10' } },
    ],
    [
      'a MetalLB range holding the fixed IP',
      {
        ingressGateway: {
          loadBalancerIP: '10.0.0.15',
          metallb: { enabled: true, addresses: ['10.0.0.10-10.0.0.20'] },
        },
      },
    ],
    [
      'sampling of 0 and fractions',
      {
        observability: {
          tracing: { backend: 'jaeger', samplingPercentage: 0.5 },
        },
      },
    ],
    [
      'Kiali with OpenID',
      {
        observability: {
          kiali: {
            enabled: true,
            authStrategy: 'openid',
            openId: {
              issuerUrl: 'https://idp.example.com/realms/x',
              clientId: 'kiali',
            },
          },
        },
      },
    ],
    [
      'a Prometheus without stack but with a URL for Kiali',
      {
        observability: {
          prometheus: {
            stack: 'none',
            url: 'http://prometheus.monitoring:9090',
          },
          kiali: { enabled: true },
        },
      },
    ],
  ])('%s', (_name, input) => {
    const result = safeParseMeshClusterSpec(input);
    expect(result.success ? [] : result.issues).toEqual([]);
  });
});

type InvalidCase = [
  name: string,
  input: unknown,
  path: string,
  allowed: string,
];

const invalidSpecs: InvalidCase[] = [
  [
    'an upper-case cluster name',
    { cluster: { name: 'Prod' } },
    'cluster.name',
    'DNS-1123 label',
  ],
  [
    'a newline in a cluster name',
    { cluster: { name: 'prod\nkind: Secret' } },
    'cluster.name',
    'DNS-1123 label',
  ],
  [
    'a cluster name of 64 characters',
    { cluster: { name: 'a'.repeat(64) } },
    'cluster.name',
    'at most 63 characters',
  ],
  [
    'a cluster name starting with "-"',
    { cluster: { name: '-prod' } },
    'cluster.name',
    'starting and ending with a letter or digit',
  ],
  [
    'a mesh id with template delimiters',
    { mesh: { id: '{{ evil }}' } },
    'mesh.id',
    'DNS-1123 label',
  ],
  [
    'a network with a YAML document separator',
    { cluster: { network: 'net\n---' } },
    'cluster.network',
    'Kubernetes label value',
  ],
  [
    'an unknown platform',
    { cluster: { platform: 'eks' } },
    'cluster.platform',
    'one of: generic, rke2, rancher, openshift, k3s',
  ],
  [
    'an Istio version before the range',
    { istio: { version: '1.9.0' } },
    'istio.version',
    '1.9.0 is not supported; supported: 1.17.x–1.31.x',
  ],
  [
    'an Istio version after the range',
    { istio: { version: '1.32.0' } },
    'istio.version',
    'supported: 1.17.x–1.31.x',
  ],
  [
    'an Istio version without patch',
    { istio: { version: '1.30' } },
    'istio.version',
    'Istio release version 1.N.P',
  ],
  [
    'an Istio pre-release',
    { istio: { version: '1.31.0-rc.0' } },
    'istio.version',
    'no pre-releases',
  ],
  [
    'the operator on 1.24',
    { istio: { version: '1.24.6', installMethod: 'operator' } },
    'istio.installMethod',
    'removed in Istio 1.24; use helm or istioctl',
  ],
  [
    'the operator on 1.30',
    { istio: { installMethod: 'operator' } },
    'istio.installMethod',
    'removed in Istio 1.24',
  ],
  [
    'an unknown install method',
    { istio: { installMethod: 'kubectl' } },
    'istio.installMethod',
    'one of: helm, istioctl, operator',
  ],
  [
    'ambient on 1.20',
    { istio: { version: '1.20.8', dataplane: 'ambient', profile: 'ambient' } },
    'istio.dataplane',
    'needs Istio 1.22.0 or later',
  ],
  [
    'ambient with the default profile',
    { istio: { dataplane: 'ambient' } },
    'istio.profile',
    'must be ambient or openshift-ambient',
  ],
  [
    'the stable profile on 1.20',
    { istio: { version: '1.20.8', profile: 'stable' } },
    'istio.profile',
    'only shipped from Istio 1.23',
  ],
  [
    'an image tag of another version',
    { istio: { version: '1.30.3', tag: '1.29.0' } },
    'istio.tag',
    'must be the Istio version 1.30.3 or start with "1.30.3-"',
  ],
  [
    'revision tags without a revision',
    { istio: { revisionTags: ['prod'] } },
    'istio.revisionTags',
    'need istio.revision',
  ],
  [
    'a revision with an underscore',
    { istio: { revision: 'canary_1' } },
    'istio.revision',
    'DNS-1123 label',
  ],
  [
    'a hub with a scheme',
    { istio: { hub: 'https://registry.example.com/istio' } },
    'istio.hub',
    'container registry hub',
  ],
  [
    'kube-system joining the mesh',
    { istio: { injectionNamespaces: ['shop', 'kube-system'] } },
    'istio.injectionNamespaces[1]',
    'application namespaces other than',
  ],
  [
    'a repeated injection namespace',
    { istio: { injectionNamespaces: ['shop', 'shop'] } },
    'istio.injectionNamespaces',
    'must not repeat entries',
  ],
  [
    'a relative access log path',
    { istio: { meshConfig: { accessLogFile: 'logs/access' } } },
    'istio.meshConfig.accessLogFile',
    'absolute file path',
  ],
  [
    'a typo in an istio field',
    { istio: { verison: '1.30.3' } },
    'istio.verison',
    'allowed here: version, installMethod',
  ],
  [
    'a typo in a section name',
    { observabilty: {} },
    'observabilty',
    'allowed here: mesh, cluster, istio',
  ],
  ['a non-object spec', 'mesh: x', '(spec)', 'must be an object'],
  [
    'peers listed for a single cluster',
    { multiCluster: { clusters: [{ name: 'b', network: 'n' }] } },
    'multiCluster.clusters',
    'must be empty when model is single',
  ],
  [
    'duplicate cluster names',
    {
      ...twoNetworkMesh,
      multiCluster: {
        model: 'multi-primary',
        clusters: [
          { name: 'a', network: 'net-a' },
          { name: 'a', network: 'net-b' },
        ],
      },
    },
    'multiCluster.clusters[1].name',
    'cluster names must be unique',
  ],
  [
    'this cluster missing from the mesh',
    { ...twoNetworkMesh, cluster: { name: 'c', network: 'net-a' } },
    'multiCluster.clusters',
    'must include this cluster',
  ],
  [
    'a mesh of one listed cluster',
    {
      cluster: { name: 'a' },
      multiCluster: {
        model: 'multi-primary',
        clusters: [{ name: 'a', network: 'network1' }],
      },
    },
    'multiCluster.clusters',
    'at least 2 clusters',
  ],
  [
    'a remote in a multi-primary mesh',
    {
      ...twoNetworkMesh,
      multiCluster: {
        model: 'multi-primary',
        clusters: [
          { name: 'a', network: 'net-a' },
          {
            name: 'b',
            network: 'net-b',
            role: 'remote',
            primaryClusterName: 'a',
          },
        ],
      },
    },
    'multiCluster.clusters[1].role',
    'must be primary when model is multi-primary',
  ],
  [
    'a remote naming no primary',
    {
      ...primaryRemoteMesh,
      multiCluster: {
        model: 'primary-remote',
        clusters: [
          primaryRemoteMesh.multiCluster.clusters[0],
          {
            name: 'r',
            network: 'net-1',
            role: 'remote',
            primaryClusterName: 'q',
          },
        ],
      },
    },
    'multiCluster.clusters[1].primaryClusterName',
    'must name a primary cluster of this mesh (one of: p)',
  ],
  [
    'primary-remote without remotes',
    {
      ...primaryRemoteMesh,
      multiCluster: {
        model: 'primary-remote',
        clusters: [
          primaryRemoteMesh.multiCluster.clusters[0],
          { name: 'q', network: 'net-1' },
        ],
      },
    },
    'multiCluster.clusters',
    'at least one remote cluster',
  ],
  [
    'a primary with remotes but no east-west address',
    {
      ...primaryRemoteMesh,
      multiCluster: {
        model: 'primary-remote',
        clusters: [
          { name: 'p', network: 'net-1' },
          primaryRemoteMesh.multiCluster.clusters[1],
        ],
      },
    },
    'multiCluster.clusters[0].eastWestGatewayAddress',
    'its remotes reach istiod through this address',
  ],
  [
    'a remote cluster without the remote profile',
    { ...primaryRemoteMesh, cluster: { name: 'r', network: 'net-1' } },
    'istio.profile',
    'must be remote',
  ],
  [
    'the remote profile on a single cluster',
    { istio: { profile: 'remote' } },
    'istio.profile',
    'only for a remote cluster of a primary-remote mesh',
  ],
  [
    'two networks without an east-west gateway',
    { ...twoNetworkMesh, eastWestGateway: { enabled: false } },
    'eastWestGateway.enabled',
    'must be true: the mesh spans 2 networks',
  ],
  [
    'this cluster on another network than listed',
    { ...twoNetworkMesh, cluster: { name: 'a', network: 'net-x' } },
    'multiCluster.clusters[0].network',
    'must equal cluster.network (net-x)',
  ],
  [
    'ambient across clusters on 1.24',
    {
      ...twoNetworkMesh,
      istio: { version: '1.24.6', dataplane: 'ambient', profile: 'ambient' },
    },
    'istio.dataplane',
    'ambient across clusters needs Istio 1.27.0',
  ],
  [
    'an unknown multi-cluster model',
    { multiCluster: { model: 'federated' } },
    'multiCluster.model',
    'one of: single, multi-primary, primary-remote',
  ],
  [
    'east-west status port 0',
    { eastWestGateway: { ports: { statusPort: 0 } } },
    'eastWestGateway.ports.statusPort',
    'port number from 1 to 65535',
  ],
  [
    'east-west TLS port 70000',
    { eastWestGateway: { ports: { crossNetworkTlsPort: 70000 } } },
    'eastWestGateway.ports.crossNetworkTlsPort',
    'port number from 1 to 65535',
  ],
  [
    'a fractional port',
    { policy: { networkPolicies: { kubeApiServerPort: 6443.5 } } },
    'policy.networkPolicies.kubeApiServerPort',
    'integer port number',
  ],
  [
    'two east-west ports equal',
    { eastWestGateway: { ports: { istiodTlsPort: 15443 } } },
    'eastWestGateway.ports.istiodTlsPort',
    'each east-west gateway port must be distinct',
  ],
  [
    'a ClusterIP east-west gateway',
    { eastWestGateway: { serviceType: 'ClusterIP' } },
    'eastWestGateway.serviceType',
    'one of: LoadBalancer, NodePort',
  ],
  [
    'one address for both gateways',
    {
      ...twoNetworkMesh,
      eastWestGateway: { enabled: true, loadBalancerIP: '192.0.2.1' },
      ingressGateway: { loadBalancerIP: '192.0.2.1' },
    },
    'eastWestGateway.loadBalancerIP',
    'must differ from ingressGateway.loadBalancerIP',
  ],
  [
    'negative sampling',
    {
      observability: { tracing: { backend: 'jaeger', samplingPercentage: -1 } },
    },
    'observability.tracing.samplingPercentage',
    'number from 0 to 100',
  ],
  [
    'sampling over 100',
    {
      observability: {
        tracing: { backend: 'jaeger', samplingPercentage: 100.5 },
      },
    },
    'observability.tracing.samplingPercentage',
    'number from 0 to 100',
  ],
  [
    'sampling as text',
    { observability: { tracing: { samplingPercentage: '50' } } },
    'observability.tracing.samplingPercentage',
    'number from 0 to 100',
  ],
  [
    'an unknown tracing backend',
    { observability: { tracing: { backend: 'zipkin' } } },
    'observability.tracing.backend',
    'one of: none, jaeger, tempo',
  ],
  [
    'a collector without a trace store',
    { observability: { tracing: { viaOtelCollector: true } } },
    'observability.tracing.viaOtelCollector',
    'must be false when backend is none',
  ],
  [
    'an export address without port',
    {
      observability: {
        tracing: { backend: 'tempo', proxyExportAddress: 'tempo.tempo.svc' },
      },
    },
    'observability.tracing.proxyExportAddress',
    'host:port',
  ],
  [
    'an unknown Kiali strategy',
    { observability: { kiali: { authStrategy: 'login' } } },
    'observability.kiali.authStrategy',
    'one of: anonymous, token, openid, openshift, header',
  ],
  [
    'OpenID without an issuer',
    {
      observability: {
        kiali: {
          enabled: true,
          authStrategy: 'openid',
          openId: { clientId: 'kiali' },
        },
      },
    },
    'observability.kiali.openId.issuerUrl',
    'must be set to the identity provider URL',
  ],
  [
    'the openshift strategy off OpenShift',
    { observability: { kiali: { enabled: true, authStrategy: 'openshift' } } },
    'observability.kiali.authStrategy',
    'needs cluster.platform openshift',
  ],
  [
    'Kiali without any Prometheus',
    {
      observability: {
        prometheus: { stack: 'none' },
        kiali: { enabled: true },
      },
    },
    'observability.kiali.externalUrls.prometheus',
    'Kiali reads all its data from Prometheus',
  ],
  [
    'a Kiali ingress without host',
    { observability: { kiali: { ingress: { enabled: true } } } },
    'observability.kiali.ingress.host',
    'must be a host name',
  ],
  [
    'an ftp Prometheus URL',
    {
      observability: {
        prometheus: { url: 'ftp://prometheus.monitoring:9090' },
      },
    },
    'observability.prometheus.url',
    'http:// or https:// URL',
  ],
  [
    'a javascript: URL',
    {
      observability: { grafana: { url: ['javascript', 'alert(1)'].join(':') } },
    },
    'observability.grafana.url',
    'http:// or https:// URL',
  ],
  [
    'a URL with a query string',
    {
      observability: {
        kiali: { externalUrls: { grafana: 'http://grafana:3000/?orgId=1' } },
      },
    },
    'observability.kiali.externalUrls.grafana',
    'no spaces, query or fragment',
  ],
  [
    'a URL with port 99999',
    { gitops: { repoUrl: 'https://git.example.com:99999/x.git' } },
    'gitops.repoUrl',
    'port 1-65535',
  ],
  [
    'an over-long URL',
    {
      observability: {
        prometheus: { url: `http://p.example.com/${'a'.repeat(600)}` },
      },
    },
    'observability.prometheus.url',
    'at most 512 characters',
  ],
  [
    'a Tempo data source without Tempo',
    { observability: { grafana: { enabled: true, tempoDatasource: true } } },
    'observability.grafana.tempoDatasource',
    'needs observability.tracing.backend tempo',
  ],
  [
    'an unknown Grafana dashboard',
    { observability: { grafana: { istioDashboards: ['mesh', 'cost'] } } },
    'observability.grafana.istioDashboards[1]',
    'one of: mesh, service, workload',
  ],
  [
    'a monitor label key with a space',
    { observability: { prometheus: { monitorLabels: { 'my label': 'x' } } } },
    'observability.prometheus.monitorLabels."my label"',
    'Kubernetes label key',
  ],
  [
    'an invalid LoadBalancer IP',
    { ingressGateway: { loadBalancerIP: '10.0.0.256' } },
    'ingressGateway.loadBalancerIP',
    'IPv4 address',
  ],
  [
    'a fixed IP on a ClusterIP gateway',
    {
      ingressGateway: { serviceType: 'ClusterIP', loadBalancerIP: '10.0.0.1' },
    },
    'ingressGateway.loadBalancerIP',
    'must be empty unless serviceType is LoadBalancer',
  ],
  [
    'a fixed IP outside the MetalLB pool',
    {
      ingressGateway: {
        loadBalancerIP: '10.34.124.116',
        metallb: { enabled: true, addresses: ['10.34.124.115/32'] },
      },
    },
    'ingressGateway.loadBalancerIP',
    'outside the MetalLB pool; allowed: an address within 10.34.124.115/32',
  ],
  [
    'a MetalLB CIDR with host bits',
    {
      ingressGateway: {
        metallb: { enabled: true, addresses: ['10.0.0.1/24'] },
      },
    },
    'ingressGateway.metallb.addresses[0]',
    'CIDR without host bits',
  ],
  [
    'MetalLB without addresses',
    { ingressGateway: { metallb: { enabled: true } } },
    'ingressGateway.metallb.addresses',
    'at least one CIDR or range',
  ],
  [
    'TLS without an issuer',
    { ingressGateway: { tls: { enabled: true, hosts: ['a.example.com'] } } },
    'ingressGateway.tls.issuerRef.name',
    'must name a cert-manager issuer',
  ],
  [
    'a TLS host with template delimiters',
    { ingressGateway: { tls: { hosts: ['{{x}}.example.com'] } } },
    'ingressGateway.tls.hosts[0]',
    'DNS host name',
  ],
  [
    'an unknown issuer kind',
    { ingressGateway: { tls: { issuerRef: { kind: 'Vault' } } } },
    'ingressGateway.tls.issuerRef.kind',
    'one of: ClusterIssuer, Issuer',
  ],
  [
    'Argo CD without a repository',
    { gitops: { engine: 'argocd' } },
    'gitops.repoUrl',
    'must be an http:// or https:// repository URL when engine is argocd',
  ],
  [
    'an unknown GitOps engine',
    { gitops: { engine: 'jenkins' } },
    'gitops.engine',
    'one of: argocd, flux, kustomize',
  ],
  [
    'a target path escaping the repository',
    { gitops: { targetPath: '../etc' } },
    'gitops.targetPath',
    'no leading "/", no ".."',
  ],
  [
    'a branch with ".."',
    { gitops: { branch: 'main..x' } },
    'gitops.branch',
    'Git branch name',
  ],
  [
    'a default request above the default limit',
    { policy: { limitRange: { defaultRequest: { cpu: '2' } } } },
    'policy.limitRange.defaultRequest.cpu',
    'a request must not exceed its limit',
  ],
  [
    'a default memory request above the default memory limit',
    { policy: { limitRange: { defaultRequest: { memory: '1Gi' } } } },
    'policy.limitRange.defaultRequest.memory',
    'a request must not exceed its limit',
  ],
  [
    'a malformed memory quantity',
    { policy: { limitRange: { defaultLimit: { memory: '1 GB' } } } },
    'policy.limitRange.defaultLimit.memory',
    'memory quantity',
  ],
  [
    'a lower-case mTLS mode',
    { policy: { peerAuthenticationMode: 'strict' } },
    'policy.peerAuthenticationMode',
    'one of: STRICT, PERMISSIVE, DISABLE',
  ],
  [
    'TLS with an empty secret name',
    {
      ingressGateway: {
        tls: {
          enabled: true,
          issuerRef: { name: 'le' },
          hosts: ['a.example.com'],
          secretName: '',
        },
      },
    },
    'ingressGateway.tls.secretName',
    'must be a Secret name',
  ],
  [
    'Tempo with an empty namespace',
    { observability: { tracing: { backend: 'tempo', backendNamespace: '' } } },
    'observability.tracing.backendNamespace',
    'must be the namespace of tempo',
  ],
  [
    '64 KiB of text in a trust domain',
    { mesh: { trustDomain: 'a'.repeat(65536) } },
    'mesh.trustDomain',
    'at most 253 characters',
  ],
];

describe('parseMeshClusterSpec rejects', () => {
  it('has a broad table of invalid specs', () => {
    expect(invalidSpecs.length).toBeGreaterThanOrEqual(30);
  });

  it.each(invalidSpecs)('%s', (_name, input, path, allowed) => {
    expect(() => parseMeshClusterSpec(input)).toThrow(MeshSpecError);
    const result = safeParseMeshClusterSpec(input);
    expect(result.success).toBe(false);
    const lines = result.success
      ? []
      : result.issues.map(i => `${i.path}: ${i.message}`);
    const line = lines.find(l => l.startsWith(`${path}: `));
    expect({ lines, line }).toEqual({
      lines,
      line: expect.stringContaining(allowed),
    });
  });
});

describe('MeshSpecError', () => {
  it('puts one "<path>: <message>" line per issue into its message', () => {
    let caught: unknown;
    try {
      parseMeshClusterSpec({
        cluster: { name: 'A' },
        istio: { version: '1.9.0' },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MeshSpecError);
    const error = caught as MeshSpecError;
    expect(error.issues.map(i => i.path)).toEqual([
      'cluster.name',
      'istio.version',
    ]);
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(/^cluster\.name: must be a DNS-1123 label/),
      'istio.version: 1.9.0 is not supported; supported: 1.17.x–1.31.x',
    ]);
  });

  it('never echoes an unknown key that could break a line', () => {
    const result = safeParseMeshClusterSpec({ 'bad\nkey': 1 });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.issues;
    expect(issues[0].path).toBe('"bad\\nkey"');
    expect(issues.every(i => !`${i.path}${i.message}`.includes('\n'))).toBe(
      true,
    );
  });
});
