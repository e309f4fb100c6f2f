import {
  ISTIO_RELEASE_FACTS,
  type IstioMinorFacts,
} from '@mesh-templates/plugin-mesh-common';
import { BundleIndexEntry } from '../bundle/meshBundle';
import { apiGroupOf, kindFacts } from '../kinds/kindCatalog';
import { inlineCode } from './markdown';
import { MeshFacts } from './meshFacts';

/**
 * "<installer> — for <groups>" for every API group of the objects that a CRD serves, installers in
 * the order of their first group.
 */
function crdInstallers(
  entries: BundleIndexEntry[],
  istioLine?: IstioMinorFacts,
): string[] {
  const installerByGroup = new Map<string, string>();
  for (const { apiVersion, kind } of entries) {
    const kindInfo = kindFacts(apiGroupOf(apiVersion), kind, istioLine);
    if (kindInfo.builtIn || kindInfo.kustomizeOnly) continue;
    installerByGroup.set(
      kindInfo.group,
      kindInfo.installedBy ?? `the CRDs of ${inlineCode(kindInfo.group)}`,
    );
  }
  const groupsByInstaller = new Map<string, string[]>();
  for (const group of [...installerByGroup.keys()].sort()) {
    const installer = installerByGroup.get(group)!;
    groupsByInstaller.set(installer, [
      ...(groupsByInstaller.get(installer) ?? []),
      group,
    ]);
  }
  return [...groupsByInstaller].map(
    ([installer, groups]) =>
      `${installer} — for ${groups.map(inlineCode).join(', ')}`,
  );
}

/**
 * What must exist on the cluster before merging: CRDs of the objects' API groups, the issuers
 * Certificates name, and the secrets the bundle refers to but never contains.
 */
export function prerequisites(
  entries: BundleIndexEntry[],
  facts: MeshFacts,
): string[] {
  const items = crdInstallers(
    entries,
    facts.istioVersion
      ? ISTIO_RELEASE_FACTS.lineOf(facts.istioVersion)
      : undefined,
  );
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
