import type { ClusterRenderContext } from '../clusterRenderContext';
import type { PackOutput, TemplatePack } from '../templatePack';
import { eastWestPorts } from './eastWestPorts';
import { proxyRevision } from './istioSailPack';

const INGRESS_PORTS = [
  { name: 'status-port', port: 15021 },
  { name: 'http2', port: 80 },
  { name: 'https', port: 443 },
];

interface GatewayChartRelease {
  name: string;
  namespace: string;
  istioLabel: 'ingressgateway' | 'eastwestgateway';
  serviceType: string;
  loadBalancerIP: string;
  ports: Array<{ name: string; port: number }>;
}

/** Both gateways install from the same `gateway` chart; only these values tell them apart. */
function gatewayChartValues(
  context: ClusterRenderContext,
  gateway: GatewayChartRelease,
): PackOutput {
  return {
    type: 'helmValues',
    template: 'gateways/gateway-values.yaml.njk',
    file: `istio/values/gateway-${gateway.name}.yaml`,
    component: 'gateways',
    chart: 'gateway',
    chartVersion: context.istio.version,
    release: gateway.name,
    namespace: gateway.namespace,
    data: {
      gateway: {
        name: gateway.name,
        istioLabel: gateway.istioLabel,
        eastWest: gateway.istioLabel === 'eastwestgateway',
        serviceType: gateway.serviceType,
        loadBalancerIP: gateway.loadBalancerIP,
        ports: gateway.ports,
        revision: proxyRevision(context),
      },
    },
  };
}

/**
 * Gateway chart releases exist only for Helm and Sail installs (istioctl declares its gateways in
 * the IstioOperator); ambient's east-west gateway is a Gateway API object instead of a chart.
 */
function helmGatewayOutputs(context: ClusterRenderContext): PackOutput[] {
  const { istio, ingressGateway, eastWestGateway } = context;
  if (istio.installMethod !== 'helm' && istio.installMethod !== 'sail') {
    return [];
  }
  const outputs: PackOutput[] = [];
  if (ingressGateway.enabled) {
    outputs.push(
      gatewayChartValues(context, {
        name: ingressGateway.name,
        namespace: ingressGateway.namespace,
        istioLabel: 'ingressgateway',
        serviceType: ingressGateway.serviceType,
        loadBalancerIP: ingressGateway.loadBalancerIP,
        ports: INGRESS_PORTS,
      }),
    );
  }
  if (eastWestGateway.enabled && !istio.ambient) {
    outputs.push(
      gatewayChartValues(context, {
        name: eastWestGateway.name,
        namespace: istio.namespace,
        istioLabel: 'eastwestgateway',
        serviceType: eastWestGateway.serviceType,
        loadBalancerIP: eastWestGateway.loadBalancerIP,
        ports: eastWestPorts(context),
      }),
    );
  }
  return outputs;
}

/** Ambient meshes reach peers through a Gateway API gateway, whatever the install method. */
function ambientEastWestGatewayOutputs(
  context: ClusterRenderContext,
): PackOutput[] {
  const { istio, eastWestGateway } = context;
  if (!eastWestGateway.enabled || !istio.ambient) {
    return [];
  }
  return [
    {
      type: 'objects',
      template: 'gateways/ambient-eastwest-gateway.yaml.njk',
      file: 'gateways/ambient-eastwest-gateway.yaml',
      component: 'gateways',
      appliedBy: 'kustomize',
      // Istio's ambient upgrade docs have gateways (waypoints included) follow a revision tag, so
      // the istiod that deploys this one changes when the tag moves (at promote), not at cleanup.
      data: {
        revisionLabel: istio.hasRevision
          ? istio.revisionTags[0] ?? istio.revision
          : '',
      },
      expects: [
        {
          kind: 'Gateway',
          name: eastWestGateway.name,
          namespace: istio.namespace,
        },
      ],
    },
  ];
}

/** Bare-metal clusters have no cloud load balancer; MetalLB hands out the ingress address. */
function metallbOutputs(context: ClusterRenderContext): PackOutput[] {
  const { metallb } = context.ingressGateway;
  if (!metallb.enabled) {
    return [];
  }
  return [
    {
      type: 'objects',
      template: 'gateways/metallb.yaml.njk',
      file: 'gateways/metallb.yaml',
      component: 'gateways',
      appliedBy: 'kustomize',
      expects: [
        {
          kind: 'IPAddressPool',
          name: metallb.ipAddressPoolName,
          namespace: metallb.namespace,
        },
        {
          kind: 'L2Advertisement',
          name: metallb.l2AdvertisementName,
          namespace: metallb.namespace,
        },
      ],
    },
  ];
}

/** The certificate and the Gateway that serves it only make sense with an ingress gateway. */
function ingressTlsOutputs(context: ClusterRenderContext): PackOutput[] {
  const { ingressGateway } = context;
  if (!ingressGateway.enabled || !ingressGateway.tls.enabled) {
    return [];
  }
  const { tls, namespace, name } = ingressGateway;
  return [
    {
      type: 'objects',
      template: 'gateways/ingress-tls.yaml.njk',
      file: 'gateways/ingress-tls.yaml',
      component: 'gateways',
      appliedBy: 'kustomize',
      expects: [
        { kind: 'Certificate', name: tls.certificateName, namespace },
        { kind: 'Gateway', name, namespace },
      ],
    },
  ];
}

/** Ingress and east-west gateways (gateway chart values), MetalLB pool and ingress TLS. */
export const gatewaysPack: TemplatePack = {
  name: 'gateways',
  outputs(context) {
    return [
      ...helmGatewayOutputs(context),
      ...ambientEastWestGatewayOutputs(context),
      ...metallbOutputs(context),
      ...ingressTlsOutputs(context),
    ];
  },
};
