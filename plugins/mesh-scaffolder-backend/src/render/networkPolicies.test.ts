import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { validateBundle } from '../validate/validateBundle';
import { renderMeshBundle } from './renderMeshBundle';

function gatewayPolicy(spec: object) {
  const bundle = renderMeshBundle(parseMeshClusterSpec(spec));
  const policy = bundle.objects.find(
    o => o.object.metadata.name === 'allow-istio-gateways',
  );
  return { bundle, policy: policy?.object as any };
}

describe('the gateway NetworkPolicy', () => {
  const base = {
    cluster: { name: 'edge-1' },
    policy: { networkPolicies: { enabled: true } },
  };

  it('admits only the gateways the bundle renders', () => {
    // GIVEN a single-cluster mesh: an ingress gateway, no east-west gateway
    const { bundle, policy } = gatewayPolicy(base);

    // THEN the policy selects the ingress gateway alone, without the cross-network ports
    expect(policy.spec.podSelector.matchExpressions).toEqual([
      { key: 'istio', operator: 'In', values: ['ingressgateway'] },
    ]);
    const ports = policy.spec.ingress[0].ports.map(
      (p: { port: number }) => p.port,
    );
    expect(ports).not.toContain(15443);
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('is not rendered when no gateway is', () => {
    const { bundle, policy } = gatewayPolicy({
      ...base,
      ingressGateway: { enabled: false },
    });

    expect(policy).toBeUndefined();
    expect(bundle.objects.map(o => o.object.metadata.name)).toContain(
      'allow-istio-control-plane',
    );
    expect(validateBundle(bundle)).toEqual([]);
  });
});
