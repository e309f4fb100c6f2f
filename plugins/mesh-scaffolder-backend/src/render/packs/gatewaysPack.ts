import type { PackOutput, TemplatePack } from '../templatePack';
import { eastWestPorts } from './eastWestPorts';

const INGRESS_PORTS = [
  { name: 'status-port', port: 15021 },
  { name: 'http2', port: 80 },
  { name: 'https', port: 443 },
];

/** Ingress and east-west gateways (gateway chart values), MetalLB pool and ingress TLS. */
export const gatewaysPack: TemplatePack = {
  name: 'gateways',
  outputs(context) {
    const { istio, ingressGateway, eastWestGateway } = context;
    const outputs: PackOutput[] = [];
    if (istio.installMethod === 'helm') {
      if (ingressGateway.enabled) {
        outputs.push({
          type: 'helmValues',
          template: 'gateways/gateway-values.yaml.njk',
          file: `istio/values/gateway-${ingressGateway.name}.yaml`,
          component: 'gateways',
          chart: 'gateway',
          chartVersion: istio.version,
          release: ingressGateway.name,
          namespace: ingressGateway.namespace,
          data: {
            gateway: {
              name: ingressGateway.name,
              istioLabel: 'ingressgateway',
              eastWest: false,
              serviceType: ingressGateway.serviceType,
              loadBalancerIP: ingressGateway.loadBalancerIP,
              ports: INGRESS_PORTS,
            },
          },
        });
      }
      if (eastWestGateway.enabled && !istio.ambient) {
        outputs.push({
          type: 'helmValues',
          template: 'gateways/gateway-values.yaml.njk',
          file: `istio/values/gateway-${eastWestGateway.name}.yaml`,
          component: 'gateways',
          chart: 'gateway',
          chartVersion: istio.version,
          release: eastWestGateway.name,
          namespace: istio.namespace,
          data: {
            gateway: {
              name: eastWestGateway.name,
              istioLabel: 'eastwestgateway',
              eastWest: true,
              serviceType: eastWestGateway.serviceType,
              loadBalancerIP: eastWestGateway.loadBalancerIP,
              ports: eastWestPorts(context),
            },
          },
        });
      }
    }
    if (eastWestGateway.enabled && istio.ambient) {
      outputs.push({
        type: 'objects',
        template: 'gateways/ambient-eastwest-gateway.yaml.njk',
        file: 'gateways/ambient-eastwest-gateway.yaml',
        component: 'gateways',
        appliedBy: 'kustomize',
        expects: [
          {
            kind: 'Gateway',
            name: eastWestGateway.name,
            namespace: istio.namespace,
          },
        ],
      });
    }
    if (ingressGateway.metallb.enabled) {
      const { metallb } = ingressGateway;
      outputs.push({
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
      });
    }
    if (ingressGateway.enabled && ingressGateway.tls.enabled) {
      const { tls, namespace, name } = ingressGateway;
      outputs.push({
        type: 'objects',
        template: 'gateways/ingress-tls.yaml.njk',
        file: 'gateways/ingress-tls.yaml',
        component: 'gateways',
        appliedBy: 'kustomize',
        expects: [
          { kind: 'Certificate', name: tls.certificateName, namespace },
          { kind: 'Gateway', name, namespace },
        ],
      });
    }
    return outputs;
  },
};
