import type { ClusterRenderContext } from '../clusterRenderContext';
import type { DeclaredObject, PackOutput, TemplatePack } from '../templatePack';

const ISTIOD_PORTS = [15010, 15012, 15014, 15017, 8080];

/** Mesh-wide mTLS is the point of the mesh, so this output is never optional. */
function peerAuthenticationOutput(context: ClusterRenderContext): PackOutput {
  return {
    type: 'objects',
    template: 'policy/peer-authentication.yaml.njk',
    file: 'policy/peer-authentication.yaml',
    component: 'policy',
    appliedBy: 'kustomize',
    expects: [
      {
        kind: 'PeerAuthentication',
        name: 'default',
        namespace: context.istio.namespace,
      },
    ],
  };
}

function limitRangeOutputs(context: ClusterRenderContext): PackOutput[] {
  if (!context.policy.limitRange.enabled) {
    return [];
  }
  return [
    {
      type: 'objects',
      template: 'policy/limit-range.yaml.njk',
      file: 'policy/limit-range.yaml',
      component: 'policy',
      appliedBy: 'kustomize',
      expects: [
        {
          kind: 'LimitRange',
          name: 'istio-limit-range',
          namespace: context.istio.namespace,
        },
      ],
    },
  ];
}

/** The east-west ports are admitted only when that gateway exists, so they stay closed otherwise. */
function gatewayPorts(context: ClusterRenderContext): number[] {
  const { eastWestGateway } = context;
  const { ports } = eastWestGateway;
  return [
    ...new Set([
      15021,
      80,
      443,
      8080,
      8443,
      ...(eastWestGateway.enabled
        ? [ports.crossNetworkTlsPort, ports.istiodTlsPort, ports.webhookTlsPort]
        : []),
    ]),
  ].sort((a, b) => a - b);
}

/**
 * Must match what the network-policies template writes exactly (the render checks it): the
 * template skips the gateway policy when no gateway is rendered.
 */
function networkPolicyObjects(
  context: ClusterRenderContext,
  gatewaySelectorValues: string[],
  meshNamespaceNames: string[],
): DeclaredObject[] {
  const { istio, observability } = context;
  const expects: DeclaredObject[] = [
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
  return expects;
}

function networkPolicyOutputs(context: ClusterRenderContext): PackOutput[] {
  const { istio, policy, eastWestGateway, ingressGateway } = context;
  if (!policy.networkPolicies.enabled) {
    return [];
  }
  // Only gateways the bundle renders: a policy admitting traffic to an absent gateway would
  // open its ports to whatever later takes the label.
  const gatewaySelectorValues = [
    ...(ingressGateway.enabled ? ['ingressgateway'] : []),
    ...(eastWestGateway.enabled ? ['eastwestgateway'] : []),
  ];
  const meshNamespaceNames = policy.networkPolicies.allowMeshNamespaces
    ? [istio.namespace, ...istio.injectionNamespaces]
    : [];
  return [
    {
      type: 'objects',
      template: 'policy/network-policies.yaml.njk',
      file: 'policy/network-policies.yaml',
      component: 'policy',
      appliedBy: 'kustomize',
      data: {
        istiodPorts: ISTIOD_PORTS,
        gatewayPorts: gatewayPorts(context),
        gatewaySelectorValues,
        meshNamespaceNames,
      },
      expects: networkPolicyObjects(
        context,
        gatewaySelectorValues,
        meshNamespaceNames,
      ),
    },
  ];
}

/** PeerAuthentication, LimitRange and NetworkPolicies. */
export const policyPack: TemplatePack = {
  name: 'policy',
  outputs(context) {
    return [
      peerAuthenticationOutput(context),
      ...limitRangeOutputs(context),
      ...networkPolicyOutputs(context),
    ];
  },
};
