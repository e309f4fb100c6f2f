import { defaultTargetPath } from '@mesh-templates/plugin-mesh-common';
import type { BundleObject, MeshBundle } from '../bundle/meshBundle';
import { renderMeshBundle } from './renderMeshBundle';
import { loadExampleSpec } from './__testUtils__/exampleSpecs';

function render(name: string): MeshBundle {
  return renderMeshBundle(loadExampleSpec(name));
}

function object(
  bundle: MeshBundle,
  cluster: string,
  kind: string,
  name: string,
): any {
  const found = bundle.objects.find(
    (o: BundleObject) =>
      o.cluster === cluster &&
      o.object.kind === kind &&
      o.object.metadata.name === name,
  );
  if (!found) throw new Error(`no ${kind} ${name} in ${cluster}`);
  return found.object;
}

function values(bundle: MeshBundle, cluster: string, release: string): any {
  const found = bundle.helmValues.find(
    v => v.cluster === cluster && v.release === release,
  );
  if (!found) throw new Error(`no values for ${release} in ${cluster}`);
  return found;
}

describe('seed 000: day-2 operations of a Rancher multi-network mesh', () => {
  const bundle = render('seed-000-rancher-day2');
  const cluster = 'mcsps-test-k8s-02';

  it('renders both clusters of mesh mcsps-test with their networks', () => {
    // GIVEN the seed 000 spec WHEN rendered THEN both members get a tree with their own network
    expect(bundle.clusters).toEqual(['mcsps-test-k8s-01', cluster]);
    expect(
      object(bundle, cluster, 'Namespace', 'istio-system').metadata.labels,
    ).toEqual({
      'topology.istio.io/network': 'mcsps-test-02',
    });
    expect(
      object(bundle, 'mcsps-test-k8s-01', 'Namespace', 'istio-system').metadata
        .labels,
    ).toEqual({
      'topology.istio.io/network': 'mcsps-test-01',
    });
  });

  it('installs Kiali v1.44 from kiali-server, anonymous, for sample and istio-system, with rancher-monitoring and Jaeger URLs', () => {
    const kiali = values(bundle, cluster, 'kiali');
    expect(kiali.chart).toBe('kiali-server');
    expect(kiali.chartVersion).toBe('1.44');
    expect(kiali.values.auth).toEqual({ strategy: 'anonymous' });
    expect(kiali.values.deployment.accessible_namespaces).toEqual([
      'sample',
      'istio-system',
    ]);
    expect(kiali.values.deployment.view_only_mode).toBe(false);
    expect(kiali.values.external_services.prometheus.url).toBe(
      'http://rancher-monitoring-prometheus.cattle-monitoring-system.svc:9090',
    );
    expect(kiali.values.external_services.tracing.in_cluster_url).toBe(
      'http://tracing.istio-system.svc:16686/jaeger',
    );
    expect(kiali.values.external_services.grafana.in_cluster_url).toBe(
      'http://rancher-monitoring-grafana.cattle-monitoring-system.svc:80',
    );
  });

  it('sends Zipkin spans to Jaeger on 9411 and serves its query under /jaeger', () => {
    const operator = object(bundle, cluster, 'IstioOperator', 'control-plane');
    expect(operator.spec.meshConfig.extensionProviders).toEqual([
      {
        name: 'zipkin',
        zipkin: {
          service: 'zipkin.istio-system.svc.cluster.local',
          port: 9411,
        },
      },
    ]);
    const jaeger = object(bundle, cluster, 'Jaeger', 'jaeger');
    expect(jaeger.metadata.namespace).toBe('istio-system');
    expect(jaeger.spec.strategy).toBe('allInOne');
    expect(jaeger.spec.allInOne.options.query['base-path']).toBe('/jaeger');
    // the zipkin and tracing Services of Istio's Jaeger addon, in front of the all-in-one pod
    expect(object(bundle, cluster, 'Service', 'zipkin').spec.ports).toEqual([
      { name: 'http-zipkin', port: 9411, targetPort: 9411, protocol: 'TCP' },
    ]);
    expect(
      object(bundle, cluster, 'Service', 'tracing').spec.ports[0].port,
    ).toBe(16686);
  });

  it('scrapes every 15s with monitors in Istio 1.17 shape and opens Kiali ports', () => {
    const podMonitor = object(
      bundle,
      cluster,
      'PodMonitor',
      'envoy-stats-monitor',
    );
    expect(podMonitor.spec.podMetricsEndpoints[0].interval).toBe('15s');
    expect(
      podMonitor.spec.podMetricsEndpoints[0].relabelings.at(-1).targetLabel,
    ).toBe('pod_name');
    const kialiPolicy = object(bundle, cluster, 'NetworkPolicy', 'allow-kiali');
    expect(kialiPolicy.spec.ingress[0].ports.map((p: any) => p.port)).toEqual([
      20001, 9090,
    ]);
    const grafana = values(bundle, cluster, 'rancher-monitoring');
    expect(Object.values(grafana.values.grafana.dashboards.istio)).toEqual([
      { gnetId: 7645, revision: 1, datasource: 'Prometheus' },
    ]);
  });

  it('pulls Istio 1.17.8 from the registry mirror, with sidecar injection in sample', () => {
    const operator = object(bundle, cluster, 'IstioOperator', 'control-plane');
    expect(operator.spec.hub).toBe('mtr.external.otc.telekomcloud.com/istio');
    expect(operator.spec.tag).toBe('1.17.8');
    expect(operator.spec.profile).toBe('demo');
    expect(
      object(bundle, cluster, 'Namespace', 'sample').metadata.labels,
    ).toEqual({ 'istio-injection': 'enabled' });
  });
});

describe('seed 001: Helm install on RKE2 with MetalLB, OTel collector, Tempo and Kiali operator', () => {
  const bundle = render('seed-001-rke2-otel-tempo');
  const cluster = 'dxlab-dt-01';

  it('installs Istio 1.17.1 from base, istiod and gateway charts', () => {
    expect(
      bundle.helmValues.map(v => [v.chart, v.chartVersion, v.release]),
    ).toEqual(
      expect.arrayContaining([
        ['base', '1.17.1', 'istio-base'],
        ['istiod', '1.17.1', 'istiod'],
        ['gateway', '1.17.1', 'istio-ingressgateway'],
      ]),
    );
  });

  it('pins the ingress gateway to 10.34.124.115 served by MetalLB pool ip-pool and l2advertise', () => {
    expect(
      values(bundle, cluster, 'istio-ingressgateway').values.service,
    ).toMatchObject({
      type: 'LoadBalancer',
      loadBalancerIP: '10.34.124.115',
    });
    const pool = object(bundle, cluster, 'IPAddressPool', 'ip-pool');
    expect(pool.metadata.namespace).toBe('metallb-system');
    expect(pool.spec.addresses).toEqual(['10.34.124.115/32']);
    expect(
      object(bundle, cluster, 'L2Advertisement', 'l2advertise').spec
        .ipAddressPools,
    ).toEqual(['ip-pool']);
  });

  it('sends Zipkin spans to the otel collector in otel-system, which exports OTLP to Tempo:4317', () => {
    const istiod = values(bundle, cluster, 'istiod').values;
    expect(istiod.meshConfig.extensionProviders).toEqual([
      {
        name: 'zipkin',
        zipkin: {
          service: 'otel-collector.otel-system.svc.cluster.local',
          port: 9411,
        },
      },
    ]);
    const collector = object(bundle, cluster, 'OpenTelemetryCollector', 'otel');
    expect(collector.metadata.namespace).toBe('otel-system');
    expect(collector.spec.config.receivers.zipkin.endpoint).toBe(
      '0.0.0.0:9411',
    );
    expect(collector.spec.config.exporters.otlp.endpoint).toBe(
      'tempo.cattle-monitoring-system:4317',
    );
    const tempo = values(bundle, cluster, 'tempo');
    expect(tempo.namespace).toBe('cattle-monitoring-system');
    expect(tempo.values.tempo).toMatchObject({
      retention: '24h',
      server: { http_listen_port: 3100 },
      storage: {
        trace: { backend: 'local', local: { path: '/var/tempo/traces' } },
      },
    });
  });

  it('labels the monitors release: istio for rancher-monitoring and adds a Tempo data source on 3100', () => {
    expect(
      object(bundle, cluster, 'PodMonitor', 'envoy-stats-monitor').metadata
        .labels,
    ).toEqual({
      monitoring: 'istio-proxies',
      release: 'istio',
    });
    const grafana = values(bundle, cluster, 'rancher-monitoring').values
      .grafana;
    expect(grafana.additionalDataSources).toEqual([
      expect.objectContaining({
        type: 'tempo',
        url: 'http://tempo.cattle-monitoring-system:3100',
      }),
    ]);
    expect(grafana.sidecar.dashboards).toEqual({
      enabled: true,
      label: 'grafana_dashboard',
      labelValue: '1',
    });
  });

  it('creates the Kiali CR v1.64: anonymous, view-only, nginx ingress on kiali.dxlab.wistron.com/kiali, tracing and Grafana off', () => {
    const kiali = object(bundle, cluster, 'Kiali', 'kiali');
    expect(kiali.spec.version).toBe('v1.64');
    expect(kiali.spec.auth.strategy).toBe('anonymous');
    expect(kiali.spec.deployment.view_only_mode).toBe(true);
    expect(kiali.spec.deployment.ingress.class_name).toBe('nginx');
    expect(kiali.spec.deployment.ingress.override_yaml.spec.rules[0].host).toBe(
      'kiali.dxlab.wistron.com',
    );
    expect(kiali.spec.server.web_root).toBe('/kiali');
    expect(kiali.spec.external_services.prometheus.url).toBe(
      'http://rancher-monitoring-prometheus.cattle-monitoring-system:9090/',
    );
    expect(kiali.spec.external_services.tracing).toEqual({ enabled: false });
    expect(kiali.spec.external_services.grafana).toEqual({ enabled: false });
    expect(values(bundle, cluster, 'kiali-operator').namespace).toBe(
      'cattle-monitoring-system',
    );
  });

  it('enables injection in default', () => {
    expect(
      object(bundle, cluster, 'Namespace', 'default').metadata.labels,
    ).toEqual({ 'istio-injection': 'enabled' });
  });
});

describe('seed 002: Kiali and Jaeger for an existing Istio with KubeSphere Prometheus', () => {
  const bundle = render('seed-002-kiali-jaeger');

  it('installs Kiali v1.26.1 from kiali-server at the root path, anonymous, all namespaces', () => {
    const kiali = values(bundle, 'cluster1', 'kiali');
    expect(kiali.chartVersion).toBe('1.26.1');
    expect(kiali.namespace).toBe('istio-system');
    expect(kiali.values.server.web_root).toBe('/');
    expect(kiali.values.auth.strategy).toBe('anonymous');
    expect(kiali.values.deployment.accessible_namespaces).toEqual(['**']);
    expect(kiali.values.external_services.prometheus.url).toBe(
      'http://prometheus-k8s.kubesphere-monitoring-system:9090',
    );
    expect(kiali.values.external_services.tracing.in_cluster_url).toBe(
      'http://jaeger-query.istio-system.svc:16686',
    );
  });

  it('renders no Prometheus monitors for stack none', () => {
    expect(
      bundle.objects.filter(o => o.object.kind.endsWith('Monitor')),
    ).toEqual([]);
  });
});

describe('seed 003: demo-profile monitoring with 100% tracing', () => {
  const bundle = render('seed-003-prometheus-monitoring');

  it('samples 100% of requests through a Telemetry resource of the 1.17 API', () => {
    const telemetry = object(bundle, 'cluster1', 'Telemetry', 'mesh-default');
    expect(telemetry.apiVersion).toBe('telemetry.istio.io/v1alpha1');
    expect(telemetry.spec.tracing).toEqual([
      { providers: [{ name: 'otel-tracing' }], randomSamplingPercentage: 100 },
    ]);
  });

  it('installs with istioctl: demo profile, access log to stdout, not a kustomize resource', () => {
    const operator = bundle.objects.find(
      o => o.object.kind === 'IstioOperator',
    )!;
    expect(operator.object.spec).toMatchObject({
      profile: 'demo',
      meshConfig: { accessLogFile: '/dev/stdout' },
    });
    const kustomization = bundle.files.find(
      f => f.path === 'clusters/cluster1/kustomization.yaml',
    )!;
    expect(kustomization.content).not.toContain('istio-operator.yaml');
  });

  it('provisions the mesh, service and workload dashboards into the grafana in istio-system', () => {
    const grafana = values(bundle, 'cluster1', 'grafana');
    expect(grafana.namespace).toBe('istio-system');
    expect(Object.keys(grafana.values.dashboards.istio)).toEqual([
      'istio-mesh',
      'istio-service',
      'istio-workload',
    ]);
    const kiali = object(bundle, 'cluster1', 'Kiali', 'kiali');
    expect(kiali.spec.auth.strategy).toBe('token');
    expect(kiali.spec.external_services.grafana.internal_url).toBe(
      'http://grafana.istio-system:3000',
    );
  });
});

describe('seed 004: two-cluster multi-primary on Rancher with IstioOperator and TLS', () => {
  const bundle = render('seed-004-rancher-multicluster');
  const cluster = 'mcsps-test-k8s-02';

  it('renders an east-west IstioOperator with the four ports, the network view and the mirror hub', () => {
    const eastwest = object(bundle, cluster, 'IstioOperator', 'eastwest');
    const gateway = eastwest.spec.components.ingressGateways[0];
    expect(eastwest.spec.profile).toBe('empty');
    expect(eastwest.spec.hub).toBe('mtr.external.otc.telekomcloud.com/istio');
    expect(gateway.k8s.service.ports.map((p: any) => [p.name, p.port])).toEqual(
      [
        ['status-port', 15021],
        ['tls', 15443],
        ['tls-istiod', 15012],
        ['tls-webhook', 15017],
      ],
    );
    expect(gateway.k8s.service.loadBalancerIP).toBe('80.158.38.107');
    expect(gateway.k8s.env).toEqual([
      { name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: 'mcsps-test-02' },
    ]);
    expect(gateway.label['topology.istio.io/network']).toBe('mcsps-test-02');
    const peer = object(
      bundle,
      'mcsps-test-k8s-01',
      'IstioOperator',
      'eastwest',
    );
    expect(
      peer.spec.components.ingressGateways[0].k8s.service.loadBalancerIP,
    ).toBe('80.158.16.72');
  });

  it('passes *.local through on 15443 with AUTO_PASSTHROUGH', () => {
    const gateway = object(bundle, cluster, 'Gateway', 'cross-network-gateway');
    expect(gateway.apiVersion).toBe('networking.istio.io/v1alpha3');
    expect(gateway.spec.servers).toEqual([
      {
        port: { number: 15443, name: 'tls', protocol: 'TLS' },
        tls: { mode: 'AUTO_PASSTHROUGH' },
        hosts: ['*.local'],
      },
    ]);
  });

  it('keeps mesh-wide values equal on both clusters', () => {
    const global = (c: string) =>
      object(bundle, c, 'IstioOperator', 'control-plane').spec.values.global;
    expect(global(cluster)).toMatchObject({
      meshID: 'mcsps-test',
      network: 'mcsps-test-02',
      multiCluster: { clusterName: cluster },
    });
    expect(global('mcsps-test-k8s-01')).toMatchObject({
      meshID: 'mcsps-test',
      network: 'mcsps-test-01',
    });
  });

  it('terminates TLS with Certificate helloistio from letsencrypt-wild in istio-system', () => {
    const certificate = object(bundle, cluster, 'Certificate', 'helloistio');
    expect(certificate.metadata.namespace).toBe('istio-system');
    expect(certificate.spec).toEqual({
      secretName: 'helloistio-mcsps-telekomcloud-com',
      dnsNames: ['helloistio.mcsps.telekomcloud.com'],
      issuerRef: {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: 'letsencrypt-wild',
      },
    });
    const gateway = object(bundle, cluster, 'Gateway', 'istio-ingressgateway');
    expect(gateway.spec.servers[0]).toMatchObject({
      port: { number: 443, protocol: 'HTTPS' },
      tls: {
        mode: 'SIMPLE',
        credentialName: 'helloistio-mcsps-telekomcloud-com',
      },
    });
  });

  it('sets the LimitRange 100m/100Mi with requests 10m/10Mi and opens Istio ports and kube-api 6443', () => {
    expect(
      object(bundle, cluster, 'LimitRange', 'istio-limit-range').spec.limits[0],
    ).toEqual({
      type: 'Container',
      default: { cpu: '100m', memory: '100Mi' },
      defaultRequest: { cpu: '10m', memory: '10Mi' },
    });
    const istiod = object(
      bundle,
      cluster,
      'NetworkPolicy',
      'allow-istio-control-plane',
    );
    expect(istiod.spec.ingress[0].ports.map((p: any) => p.port)).toEqual([
      15010, 15012, 15014, 15017, 8080,
    ]);
    const egress = object(
      bundle,
      cluster,
      'NetworkPolicy',
      'allow-istio-egress',
    );
    expect(egress.spec.egress[0].ports[0]).toEqual({
      port: 6443,
      protocol: 'TCP',
    });
  });

  it('keeps credentials out: no Secret, and the README says how remote secrets and CA keys are made', () => {
    expect(bundle.objects.filter(o => o.object.kind === 'Secret')).toEqual([]);
    const readme = bundle.files.find(
      f => f.path === `${defaultTargetPath(cluster)}/README.md`,
    )!.content;
    expect(readme).toContain('istioctl create-remote-secret');
    expect(readme).toContain('cacerts');
    expect(readme).toContain('letsencrypt-wild');
  });
});
