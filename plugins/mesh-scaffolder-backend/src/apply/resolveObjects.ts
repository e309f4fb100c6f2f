import { KubernetesObject } from '../bundle/meshBundle';
import { ApiDiscovery, ServedResource } from './apiDiscovery';
import { knownCrdFor } from '../kinds/kindCatalog';

/** An object to apply and the bundle file it came from. */
export interface ApplyItem {
  object: KubernetesObject;
  file?: string;
}

export type Resolution =
  | { state: 'served'; resource: ServedResource }
  /** Its CRD is part of the same bundle: served once that CRD is applied and established. */
  | { state: 'crd-in-bundle'; crdName: string; namespaced: boolean }
  | { state: 'not-served'; reason: string; missingCrd?: string };

/**
 * Where each object goes, asked of the cluster's discovery. A kind that is not served is either
 * defined by a CRD in the bundle (applied first, then the object) or reported with the CRD the
 * cluster lacks, before anything is written.
 */
export async function resolveObject(
  discovery: ApiDiscovery,
  item: ApplyItem,
  bundleCrds: KubernetesObject[],
): Promise<Resolution> {
  const { apiVersion, kind } = item.object;
  const resource = await discovery.resolve(apiVersion, kind);
  if (resource) {
    return { state: 'served', resource };
  }
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/')
    : ['', apiVersion];
  if (!group.includes('.')) {
    return {
      state: 'not-served',
      reason: `${kind} is not served by ${apiVersion} on this cluster`,
    };
  }
  const crd = bundleCrds.find(c => definesKind(c, group, version, kind));
  if (crd) {
    return {
      state: 'crd-in-bundle',
      crdName: crd.metadata.name,
      namespaced: crdSpecOf(crd).scope !== 'Cluster',
    };
  }
  const known = knownCrdFor(group, kind);
  // An unknown kind has no reliable plural, so it is named by kind and group instead.
  const missingCrd = known?.name ?? `${kind}.${group}`;
  const installHint = known
    ? `install ${known.installedBy} first`
    : 'install it first';
  return {
    state: 'not-served',
    missingCrd,
    reason: `CRD ${missingCrd} (serving ${apiVersion}) is not installed on this cluster; ${installHint}`,
  };
}

function definesKind(
  crd: KubernetesObject,
  group: string,
  version: string,
  kind: string,
): boolean {
  const spec = crdSpecOf(crd);
  return (
    spec.group === group &&
    spec.names?.kind === kind &&
    (spec.versions ?? []).some(v => v?.name === version && v?.served !== false)
  );
}

/** The fields of a CustomResourceDefinition's spec that say what kind it serves, and where. */
interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { kind?: string };
  versions?: Array<{ name?: string; served?: boolean }>;
}

function crdSpecOf(crd: KubernetesObject): CrdSpec {
  return (crd.spec ?? {}) as CrdSpec;
}

export function isCrd(object: KubernetesObject): boolean {
  return (
    object.kind === 'CustomResourceDefinition' &&
    object.apiVersion.startsWith('apiextensions.k8s.io/')
  );
}
