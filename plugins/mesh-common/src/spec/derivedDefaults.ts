import type { z } from 'zod';
import { defaultTargetPath } from './gitopsSection';
import type { meshClusterSpecFieldsSchema } from './meshClusterSpecFields';

/** A spec after field defaults, before the defaults that depend on other fields. */
export type MeshClusterSpecFields = z.output<
  typeof meshClusterSpecFieldsSchema
>;

/**
 * Secret name for a TLS host: dots become dashes and a leading wildcard becomes `wildcard`, so
 * `helloistio.example.com` gives `helloistio-example-com`.
 */
export function secretNameForHost(host: string): string {
  return host.replace(/^\*\./, 'wildcard.').replace(/\./g, '-');
}

const PROMETHEUS_NAMESPACES = {
  'kube-prometheus-stack': 'monitoring',
  'rancher-monitoring': 'cattle-monitoring-system',
  none: '',
} as const;

const PROMETHEUS_RELEASES = {
  'kube-prometheus-stack': 'kube-prometheus-stack',
  'rancher-monitoring': 'rancher-monitoring',
  none: '',
} as const;

const GITOPS_NAMESPACES = {
  argocd: 'argocd',
  flux: 'flux-system',
  kustomize: '',
} as const;

function deriveTracing(spec: MeshClusterSpecFields) {
  const tracing = spec.observability.tracing;
  const backendNamespace =
    tracing.backendNamespace ??
    { none: '', jaeger: spec.istio.namespace, tempo: 'tempo' }[tracing.backend];
  const otlpPort = 4317;
  const zipkinPort = 9411;
  const proxyPort = tracing.proxyProtocol === 'zipkin' ? zipkinPort : otlpPort;
  const storeReceiverHost = {
    none: '',
    jaeger:
      tracing.proxyProtocol === 'zipkin' && !tracing.viaOtelCollector
        ? `zipkin.${backendNamespace}.svc.cluster.local`
        : `jaeger-collector.${backendNamespace}.svc.cluster.local`,
    tempo: `tempo.${backendNamespace}.svc.cluster.local`,
  }[tracing.backend];
  const collector = tracing.otelCollector;
  const collectorHost = `${collector.name}-collector.${collector.namespace}.svc.cluster.local`;
  const storeOtlpAddress =
    tracing.backend === 'none' ? '' : `${storeReceiverHost}:${otlpPort}`;
  let proxyExportAddress = '';
  if (tracing.backend !== 'none') {
    proxyExportAddress = tracing.viaOtelCollector
      ? `${collectorHost}:${proxyPort}`
      : `${storeReceiverHost}:${proxyPort}`;
  }
  const queryUrl = {
    none: '',
    jaeger: `http://tracing.${backendNamespace}.svc:16686/jaeger`,
    tempo: `http://tempo.${backendNamespace}.svc:3100`,
  }[tracing.backend];
  return {
    ...tracing,
    backendNamespace,
    proxyExportAddress: tracing.proxyExportAddress ?? proxyExportAddress,
    collectorExportAddress:
      tracing.collectorExportAddress ??
      (tracing.viaOtelCollector ? storeOtlpAddress : ''),
    queryUrl: tracing.queryUrl ?? queryUrl,
  };
}

/**
 * Fills the fields whose defaults depend on other fields (names, namespaces, URLs, paths), so that
 * renderers read one complete spec and never re-derive them differently.
 */
export function withDerivedDefaults(spec: MeshClusterSpecFields) {
  const { prometheus, grafana, kiali } = spec.observability;
  const prometheusNamespace =
    prometheus.namespace ?? PROMETHEUS_NAMESPACES[prometheus.stack];
  const release = PROMETHEUS_RELEASES[prometheus.stack];
  const prometheusUrl =
    prometheus.url ??
    (release
      ? `http://${release}-prometheus.${prometheusNamespace}.svc:9090`
      : '');
  const grafanaNamespace = grafana.namespace ?? prometheusNamespace;
  const grafanaUrl =
    grafana.url ??
    (release ? `http://${release}-grafana.${grafanaNamespace}.svc:80` : '');
  const tracing = deriveTracing(spec);
  const tls = spec.ingressGateway.tls;
  const secretName =
    tls.secretName ??
    (tls.hosts.length > 0 ? secretNameForHost(tls.hosts[0]) : '');

  return {
    ...spec,
    istio: { ...spec.istio, tag: spec.istio.tag ?? spec.istio.version },
    ingressGateway: {
      ...spec.ingressGateway,
      tls: {
        ...tls,
        secretName,
        certificateName: tls.certificateName ?? secretName,
      },
    },
    observability: {
      prometheus: {
        ...prometheus,
        namespace: prometheusNamespace,
        url: prometheusUrl,
      },
      tracing,
      grafana: { ...grafana, namespace: grafanaNamespace, url: grafanaUrl },
      kiali: {
        ...kiali,
        externalUrls: {
          prometheus: kiali.externalUrls.prometheus ?? prometheusUrl,
          tracing: kiali.externalUrls.tracing ?? tracing.queryUrl,
          grafana:
            kiali.externalUrls.grafana ?? (grafana.enabled ? grafanaUrl : ''),
        },
      },
    },
    gitops: {
      ...spec.gitops,
      targetPath:
        spec.gitops.targetPath ?? defaultTargetPath(spec.cluster.name),
      controllerNamespace:
        spec.gitops.controllerNamespace ??
        GITOPS_NAMESPACES[spec.gitops.engine],
    },
  };
}

/** A complete spec: every field set, derived ones included. */
export type DerivedMeshClusterSpec = ReturnType<typeof withDerivedDefaults>;
