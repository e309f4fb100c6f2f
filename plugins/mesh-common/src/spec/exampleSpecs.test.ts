import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { safeParseMeshClusterSpec } from './parseMeshClusterSpec';
import { valueAtPath } from './testUtils';

const specsDir = path.resolve(__dirname, '../../../../examples/specs');

function loadSpec(file: string): unknown {
  return parse(fs.readFileSync(path.join(specsDir, file), 'utf8'));
}

/** Settings each example must keep after parsing, read from the article it expresses. */
const expectedSettings: Record<string, Record<string, unknown>> = {
  'seed-000-rancher-day2.yaml': {
    'mesh.id': 'mcsps-test',
    'cluster.name': 'mcsps-test-k8s-02',
    'cluster.network': 'mcsps-test-02',
    'cluster.platform': 'rancher',
    'istio.version': '1.17.8',
    'istio.installMethod': 'operator',
    'istio.hub': 'mtr.external.otc.telekomcloud.com/istio',
    'multiCluster.model': 'multi-primary',
    'multiCluster.clusters[0].eastWestGatewayAddress': '80.158.16.72',
    'eastWestGateway.loadBalancerIP': '80.158.38.107',
    'ingressGateway.loadBalancerIP': '80.158.47.22',
    'observability.prometheus.stack': 'rancher-monitoring',
    'observability.prometheus.url':
      'http://rancher-monitoring-prometheus.cattle-monitoring-system.svc:9090',
    'observability.tracing.backend': 'jaeger',
    'observability.tracing.proxyExportAddress':
      'zipkin.istio-system.svc.cluster.local:9411',
    'observability.kiali.install': 'helm',
    'observability.kiali.version': 'v1.44',
    'observability.kiali.authStrategy': 'anonymous',
    'observability.kiali.accessibleNamespaces': ['sample', 'istio-system'],
    'observability.kiali.externalUrls.tracing':
      'http://tracing.istio-system.svc:16686/jaeger',
    'observability.kiali.externalUrls.grafana':
      'http://rancher-monitoring-grafana.cattle-monitoring-system.svc:80',
    'observability.grafana.istioDashboards': ['control-plane'],
    'policy.networkPolicies.enabled': true,
  },
  'seed-001-rke2-otel-tempo.yaml': {
    'cluster.name': 'dxlab-dt-01',
    'cluster.platform': 'rke2',
    'istio.version': '1.17.1',
    'istio.installMethod': 'helm',
    'istio.injectionNamespaces': ['default'],
    'ingressGateway.loadBalancerIP': '10.34.124.115',
    'ingressGateway.metallb.enabled': true,
    'ingressGateway.metallb.ipAddressPoolName': 'ip-pool',
    'ingressGateway.metallb.l2AdvertisementName': 'l2advertise',
    'ingressGateway.metallb.addresses': ['10.34.124.115/32'],
    'observability.prometheus.namespace': 'cattle-monitoring-system',
    'observability.prometheus.monitorLabels': { release: 'istio' },
    'observability.tracing.backend': 'tempo',
    'observability.tracing.viaOtelCollector': true,
    'observability.tracing.otelCollector.namespace': 'otel-system',
    'observability.tracing.proxyProtocol': 'zipkin',
    'observability.tracing.proxyExportAddress':
      'otel-collector.otel-system.svc.cluster.local:9411',
    'observability.tracing.collectorExportAddress':
      'tempo.cattle-monitoring-system:4317',
    'observability.tracing.queryUrl':
      'http://tempo.cattle-monitoring-system:3100',
    'observability.kiali.install': 'operator',
    'observability.kiali.operatorNamespace': 'cattle-monitoring-system',
    'observability.kiali.viewOnly': true,
    'observability.kiali.ingress.host': 'kiali.dxlab.wistron.com',
    'observability.kiali.externalUrls.tracing': '',
    'observability.grafana.tempoDatasource': true,
  },
  'seed-002-kiali-jaeger.yaml': {
    'istio.version': '1.17.8',
    'observability.prometheus.stack': 'none',
    'observability.prometheus.url':
      'http://prometheus-k8s.kubesphere-monitoring-system:9090',
    'observability.tracing.queryUrl':
      'http://jaeger-query.istio-system.svc:16686',
    'observability.kiali.install': 'helm',
    'observability.kiali.version': 'v1.26.1',
    'observability.kiali.authStrategy': 'anonymous',
    'observability.kiali.viewOnly': false,
    'observability.kiali.accessibleNamespaces': ['**'],
    'observability.kiali.externalUrls.prometheus':
      'http://prometheus-k8s.kubesphere-monitoring-system:9090',
  },
  'seed-003-prometheus-monitoring.yaml': {
    'istio.version': '1.17.8',
    'istio.profile': 'demo',
    'istio.meshConfig.accessLogFile': '/dev/stdout',
    'observability.tracing.backend': 'jaeger',
    'observability.tracing.samplingPercentage': 100,
    'observability.prometheus.url': 'http://prometheus.istio-system:9090',
    'observability.grafana.url': 'http://grafana.istio-system:3000',
    'observability.kiali.enabled': true,
  },
  'seed-004-rancher-multicluster.yaml': {
    'mesh.id': 'mcsps-test',
    'cluster.name': 'mcsps-test-k8s-02',
    'istio.installMethod': 'operator',
    'istio.profile': 'demo',
    'istio.hub': 'mtr.external.otc.telekomcloud.com/istio',
    'istio.tag': '1.17.8',
    'istio.injectionNamespaces': ['sample'],
    'multiCluster.clusters[0].name': 'mcsps-test-k8s-01',
    'multiCluster.clusters[0].network': 'mcsps-test-01',
    'eastWestGateway.enabled': true,
    'eastWestGateway.ports.crossNetworkTlsPort': 15443,
    'eastWestGateway.crossNetworkHosts': ['*.local'],
    'ingressGateway.tls.issuerRef': {
      kind: 'ClusterIssuer',
      name: 'letsencrypt-wild',
    },
    'ingressGateway.tls.hosts': ['helloistio.mcsps.telekomcloud.com'],
    'ingressGateway.tls.secretName': 'helloistio-mcsps-telekomcloud-com',
    'ingressGateway.tls.certificateName': 'helloistio',
    'policy.networkPolicies.kubeApiServerPort': 6443,
    'policy.limitRange.defaultLimit': { cpu: '100m', memory: '100Mi' },
    'policy.limitRange.defaultRequest': { cpu: '10m', memory: '10Mi' },
  },
  'multi-primary-3-clusters.yaml': {
    'multiCluster.model': 'multi-primary',
    'multiCluster.clusters[2].name': 'central-1',
    'istio.revision': '1-30-3',
    'eastWestGateway.enabled': true,
    'observability.tracing.proxyExportAddress':
      'otel-collector.observability.svc.cluster.local:4317',
    'policy.peerAuthenticationMode': 'STRICT',
    'gitops.engine': 'argocd',
    'gitops.targetPath': 'clusters/east-1',
    'gitops.controllerNamespace': 'argocd',
  },
  'sail-1-30.yaml': {
    'istio.version': '1.30.3',
    'istio.installMethod': 'sail',
    'istio.revision': 'prod',
    'istio.revisionTags': ['stable'],
    'multiCluster.model': 'single',
    'gitops.targetPath': 'clusters/sail-1',
  },
};

describe('examples/specs', () => {
  const files = fs.readdirSync(specsDir).filter(f => f.endsWith('.yaml'));

  it('has an expectation table for every example, and an example for every table', () => {
    expect(files.sort()).toEqual(Object.keys(expectedSettings).sort());
  });

  it.each(files)('%s parses without issues', file => {
    const result = safeParseMeshClusterSpec(loadSpec(file));
    expect(result.success ? [] : result.issues).toEqual([]);
  });

  it.each(
    Object.entries(expectedSettings).flatMap(([file, settings]) =>
      Object.entries(settings).map(
        ([field, value]) => [file, field, value] as const,
      ),
    ),
  )('%s keeps %s', (file, field, value) => {
    const result = safeParseMeshClusterSpec(loadSpec(file));
    expect(result.success && valueAtPath(result.spec, field)).toEqual(value);
  });

  it('three-cluster example lists three networks', () => {
    const result = safeParseMeshClusterSpec(
      loadSpec('multi-primary-3-clusters.yaml'),
    );
    const networks = result.success
      ? new Set(result.spec.multiCluster.clusters.map(c => c.network))
      : new Set();
    expect(networks.size).toBe(3);
  });
});
