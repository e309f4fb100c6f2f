import type { PackOutput, TemplatePack } from '../templatePack';
import { eastWestPorts } from './eastWestPorts';

/**
 * Istio through an IstioOperator: input to `istioctl install -f` (not applied by the tree), or a
 * resource watched by the in-cluster operator (Istio ≤ 1.23, enforced by the spec schema).
 */
export const istioOperatorPack: TemplatePack = {
  name: 'istio/operator',
  outputs(context) {
    const { istio, eastWestGateway } = context;
    if (
      istio.installMethod !== 'istioctl' &&
      istio.installMethod !== 'operator'
    ) {
      return [];
    }
    const appliedBy =
      istio.installMethod === 'operator' ? 'kustomize' : 'istioctl';
    const outputs: PackOutput[] = [
      {
        type: 'objects',
        template: 'istio/operator/control-plane.yaml.njk',
        file: 'istio/istio-operator.yaml',
        component: 'istio',
        appliedBy,
        expects: [
          {
            kind: 'IstioOperator',
            name: istio.controlPlaneName,
            namespace: istio.namespace,
          },
        ],
      },
    ];
    if (eastWestGateway.enabled) {
      outputs.push({
        type: 'objects',
        template: 'istio/operator/eastwest-gateway.yaml.njk',
        file: 'istio/eastwest-operator.yaml',
        component: 'gateways',
        appliedBy,
        data: { eastWestPorts: eastWestPorts(context) },
        expects: [
          {
            kind: 'IstioOperator',
            name: 'eastwest',
            namespace: istio.namespace,
          },
        ],
      });
    }
    return outputs;
  },
};
