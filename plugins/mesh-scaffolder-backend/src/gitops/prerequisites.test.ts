import type { BundleIndexEntry } from '../bundle/meshBundle';
import { prerequisites } from './prerequisites';

function entry(
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
): BundleIndexEntry {
  return {
    cluster: 'cluster1',
    component: 'istio',
    file: `clusters/cluster1/${name}.yaml`,
    apiVersion,
    kind,
    name,
    namespace,
  };
}

describe('prerequisites', () => {
  it('names what installs the CRDs of each custom API group, one line per installer, never built-in groups', () => {
    // GIVEN objects of built-in groups, two Istio groups, Jaeger, the Gateway API and an unknown group
    const entries = [
      entry('v1', 'Namespace', 'istio-system'),
      entry('networking.k8s.io/v1', 'NetworkPolicy', 'allow', 'istio-system'),
      entry('telemetry.istio.io/v1', 'Telemetry', 'mesh', 'istio-system'),
      entry('networking.istio.io/v1', 'Gateway', 'gw', 'istio-system'),
      entry('jaegertracing.io/v1', 'Jaeger', 'jaeger', 'tracing'),
      entry('gateway.networking.k8s.io/v1', 'Gateway', 'api', 'shop'),
      entry('example.com/v1', 'Widget', 'w', 'shop'),
    ];
    // WHEN the prerequisites are listed for a kustomize bundle
    const items = prerequisites(entries, { engine: 'kustomize' });
    // THEN each installer comes once, with its groups, in the order of the groups' names
    expect(items).toEqual([
      'the CRDs of `example.com` — for `example.com`',
      'the Kubernetes Gateway API CRDs — for `gateway.networking.k8s.io`',
      'the Jaeger operator — for `jaegertracing.io`',
      'the Istio base chart (or istioctl install) — for `networking.istio.io`, `telemetry.istio.io`',
    ]);
  });

  it('adds the issuer of each Certificate and the GitOps engine watching the repository', () => {
    const items = prerequisites(
      [entry('cert-manager.io/v1', 'Certificate', 'gw-cert', 'istio-ingress')],
      { engine: 'flux', engineNamespace: 'flux-system' },
    );
    expect(items).toEqual([
      'cert-manager with its CRDs — for `cert-manager.io`',
      'the cert-manager Issuer or ClusterIssuer that Certificate `istio-ingress/gw-cert` names in issuerRef',
      'Flux with a GitRepository source for this repository (namespace `flux-system`)',
    ]);
  });
});
