import type { ClusterRenderContext } from '../clusterRenderContext';

/** Services the Jaeger operator creates itself for a Jaeger named `jaeger`. */
const OPERATOR_SERVICES = new Set([
  'jaeger-agent',
  'jaeger-collector',
  'jaeger-collector-headless',
  'jaeger-query',
]);

export interface JaegerAliasService {
  name: string;
  port: number;
  targetPort: number;
  portName: string;
}

function serviceOf(host: string, namespace: string): string | undefined {
  const [name, hostNamespace] = host.split('.');
  return hostNamespace === namespace && !OPERATOR_SERVICES.has(name)
    ? name
    : undefined;
}

/**
 * Istio's own Jaeger addon serves spans on a `zipkin` Service and the UI on a `tracing` Service;
 * specs taken from such set-ups (seeds 000, 003) point the proxies and Kiali at those names. When
 * they do, the bundle renders them as Services in front of the operator's all-in-one pod, so that
 * every tracing address in the bundle resolves to something the bundle creates.
 */
export function jaegerAliasServices(
  context: ClusterRenderContext,
): JaegerAliasService[] {
  const { tracing } = context.observability;
  const namespace = tracing.backendNamespace;
  const aliases = new Map<string, JaegerAliasService>();
  if (!tracing.viaOtelCollector && tracing.proxyExportHost) {
    const name = serviceOf(tracing.proxyExportHost, namespace);
    if (name) {
      const zipkin = tracing.proxyProtocol === 'zipkin';
      aliases.set(name, {
        name,
        port: tracing.proxyExportPort,
        targetPort: zipkin ? 9411 : 4317,
        portName: zipkin ? 'http-zipkin' : 'grpc-otlp',
      });
    }
  }
  if (tracing.queryUrl) {
    const url = new URL(tracing.queryUrl);
    const name = serviceOf(url.hostname, namespace);
    if (name && !aliases.has(name)) {
      aliases.set(name, {
        name,
        port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
        targetPort: 16686,
        portName: 'http-query',
      });
    }
  }
  return [...aliases.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}
