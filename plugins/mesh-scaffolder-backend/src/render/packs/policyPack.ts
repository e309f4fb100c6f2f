import type { PackOutput, TemplatePack } from '../templatePack';

const ISTIOD_PORTS = [15010, 15012, 15014, 15017, 8080];

/** PeerAuthentication, LimitRange and NetworkPolicies. */
export const policyPack: TemplatePack = {
  name: 'policy',
  outputs(context) {
    const { istio, policy, observability, eastWestGateway, ingressGateway } =
      context;
    const outputs: PackOutput[] = [
      {
        type: 'objects',
        template: 'policy/peer-authentication.yaml.njk',
        file: 'policy/peer-authentication.yaml',
        component: 'policy',
        appliedBy: 'kustomize',
        expects: [
          {
            kind: 'PeerAuthentication',
            name: 'default',
            namespace: istio.namespace,
          },
        ],
      },
    ];
    if (policy.limitRange.enabled) {
      outputs.push({
        type: 'objects',
        template: 'policy/limit-range.yaml.njk',
        file: 'policy/limit-range.yaml',
        component: 'policy',
        appliedBy: 'kustomize',
        expects: [
          {
            kind: 'LimitRange',
            name: 'istio-limit-range',
            namespace: istio.namespace,
          },
        ],
      });
    }
    if (policy.networkPolicies.enabled) {
      const { ports } = eastWestGateway;
      const gatewayPorts = [
        ...new Set([
          15021,
          80,
          443,
          8080,
          8443,
          ...(eastWestGateway.enabled
            ? [
                ports.crossNetworkTlsPort,
                ports.istiodTlsPort,
                ports.webhookTlsPort,
              ]
            : []),
        ]),
      ].sort((a, b) => a - b);
      // Only gateways the bundle renders: a policy admitting traffic to an absent gateway would
      // open its ports to whatever later takes the label.
      const gatewaySelectorValues = [
        ...(ingressGateway.enabled ? ['ingressgateway'] : []),
        ...(eastWestGateway.enabled ? ['eastwestgateway'] : []),
      ];
      const meshNamespaceNames = policy.networkPolicies.allowMeshNamespaces
        ? [istio.namespace, ...istio.injectionNamespaces]
        : [];
      const expects = [
        {
          kind: 'NetworkPolicy',
          name: 'allow-istio-control-plane',
          namespace: istio.namespace,
        },
        ...(gatewaySelectorValues.length > 0
          ? [
              {
                kind: 'NetworkPolicy',
                name: 'allow-istio-gateways',
                namespace: istio.namespace,
              },
            ]
          : []),
        {
          kind: 'NetworkPolicy',
          name: 'allow-istio-egress',
          namespace: istio.namespace,
        },
      ];
      if (observability.kiali.enabled) {
        expects.push({
          kind: 'NetworkPolicy',
          name: 'allow-kiali',
          namespace: observability.kiali.namespace,
        });
      }
      for (const namespace of meshNamespaceNames) {
        expects.push({
          kind: 'NetworkPolicy',
          name: 'allow-mesh-namespaces',
          namespace,
        });
      }
      outputs.push({
        type: 'objects',
        template: 'policy/network-policies.yaml.njk',
        file: 'policy/network-policies.yaml',
        component: 'policy',
        appliedBy: 'kustomize',
        data: {
          istiodPorts: ISTIOD_PORTS,
          gatewayPorts,
          gatewaySelectorValues,
          meshNamespaceNames,
        },
        expects,
      });
    }
    return outputs;
  },
};
