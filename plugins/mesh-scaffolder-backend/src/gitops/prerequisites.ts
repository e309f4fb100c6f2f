import { BundleIndexEntry } from '../bundle/meshBundle';
import { inlineCode } from './markdown';
import { MeshFacts } from './meshFacts';

/** API groups whose CRDs the bundle's objects need, and who provides them. */
const crdProviders: Array<{
  matches: (group: string) => boolean;
  provider: string;
}> = [
  {
    matches: g => g === 'install.istio.io',
    provider:
      'the IstioOperator CRD (istioctl reads it; the in-cluster operator only up to Istio 1.23)',
  },
  {
    matches: g => g.endsWith('.istio.io'),
    provider: "Istio's CRDs (the `base` chart or `istioctl install`)",
  },
  {
    matches: g => g === 'monitoring.coreos.com',
    provider:
      'Prometheus Operator CRDs (kube-prometheus-stack or rancher-monitoring)',
  },
  {
    matches: g => g === 'cert-manager.io',
    provider: 'cert-manager and its CRDs',
  },
  {
    matches: g => g === 'opentelemetry.io',
    provider: 'the OpenTelemetry Operator',
  },
  { matches: g => g === 'kiali.io', provider: 'the Kiali operator' },
  { matches: g => g === 'argoproj.io', provider: 'Argo CD' },
  {
    matches: g => g.endsWith('toolkit.fluxcd.io'),
    provider: 'Flux controllers',
  },
  { matches: g => g === 'metallb.io', provider: 'MetalLB' },
  {
    matches: g => g === 'external-secrets.io',
    provider: 'External Secrets Operator and its SecretStore',
  },
];

/**
 * What must exist on the cluster before merging: CRDs of the objects' API groups, the issuers
 * Certificates name, and the secrets the bundle refers to but never contains.
 */
export function prerequisites(
  entries: BundleIndexEntry[],
  facts: MeshFacts,
): string[] {
  const items: string[] = [];
  const groups = new Set(
    entries
      .map(e => e.apiVersion.split('/'))
      .filter(p => p.length === 2)
      .map(p => p[0]),
  );
  const providers = new Map<string, string[]>();
  for (const group of [...groups].sort()) {
    const known = crdProviders.find(p => p.matches(group));
    const provider = known?.provider ?? `the CRDs of ${inlineCode(group)}`;
    providers.set(provider, [...(providers.get(provider) ?? []), group]);
  }
  for (const [provider, providerGroups] of providers) {
    items.push(
      `${provider} — for ${providerGroups.map(inlineCode).join(', ')}`,
    );
  }
  const certificates = entries.filter(e => e.kind === 'Certificate');
  if (certificates.length > 0) {
    const names = certificates
      .map(c => inlineCode(`${c.namespace ?? ''}/${c.name}`))
      .join(', ');
    items.push(
      `the cert-manager Issuer or ClusterIssuer that Certificate ${names} names in issuerRef`,
    );
  }
  if (facts.multiClusterModel && facts.multiClusterModel !== 'single') {
    items.push(
      'a shared root of trust (`cacerts` in the Istio namespace, same root CA on every cluster) and remote secrets ' +
        'for the peer clusters — created on the clusters (apply step or `istioctl create-remote-secret`), never committed',
    );
  }
  if (facts.engine === 'argocd') {
    items.push(
      `Argo CD watching this repository${
        facts.engineNamespace
          ? ` (namespace ${inlineCode(facts.engineNamespace)})`
          : ''
      } with credentials for it`,
    );
  } else if (facts.engine === 'flux') {
    items.push(
      `Flux with a GitRepository source for this repository${
        facts.engineNamespace
          ? ` (namespace ${inlineCode(facts.engineNamespace)})`
          : ''
      }`,
    );
  }
  return items;
}
