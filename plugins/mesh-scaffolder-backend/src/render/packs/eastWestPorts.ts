import type { ClusterRenderContext } from '../clusterRenderContext';

/** The east-west gateway's Service ports, named as Istio's gen-eastwest-gateway.sh names them. */
export function eastWestPorts(context: ClusterRenderContext) {
  const { ports } = context.eastWestGateway;
  return [
    { name: 'status-port', port: ports.statusPort },
    { name: 'tls', port: ports.crossNetworkTlsPort },
    { name: 'tls-istiod', port: ports.istiodTlsPort },
    { name: 'tls-webhook', port: ports.webhookTlsPort },
  ];
}
