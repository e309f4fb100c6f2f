import { groupVersionOf, ServedKind } from './contractKinds';

/** The media type of aggregated discovery, as a client asks for it and the server labels its answer. */
export const AGGREGATED_DISCOVERY_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * Whether an Accept header asks for aggregated discovery (`apidiscovery.k8s.io/v2`), the way a 1.30
 * API server negotiates it: one of the listed media types carries `g=apidiscovery.k8s.io`, `v=v2`
 * and `as=APIGroupDiscoveryList`. A client that lists plain JSON only gets legacy discovery.
 */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some(mediaType => {
    const [type, ...params] = mediaType.split(';').map(p => p.trim());
    const values = new Map(
      params.map(p => p.split('=').map(s => s.trim()) as [string, string]),
    );
    return (
      type === 'application/json' &&
      values.get('g') === 'apidiscovery.k8s.io' &&
      values.get('v') === 'v2' &&
      values.get('as') === 'APIGroupDiscoveryList'
    );
  });
}

/**
 * The discovery documents of a set of served kinds: legacy `/api`, `/apis` and
 * `/api(s)/<group version>`, and the aggregated `/api` and `/apis` that hold every resource of
 * every group version in one answer. Undefined for any other path.
 */
export function discoveryDocument(
  kinds: ServedKind[],
  segments: string[],
  aggregated: boolean,
): unknown {
  const byGroupVersion = new Map<string, ServedKind[]>();
  for (const k of kinds) {
    const gv = groupVersionOf(k);
    byGroupVersion.set(gv, [...(byGroupVersion.get(gv) ?? []), k]);
  }
  const [root, ...rest] = segments;
  if (root !== 'api' && root !== 'apis') {
    return undefined;
  }
  const core = root === 'api';
  if (rest.length === 0) {
    const inRoot = kinds.filter(k => (k.group === '') === core);
    if (aggregated) {
      return aggregatedList(inRoot);
    }
    return core ? apiVersions() : apiGroupList(inRoot);
  }
  const gv = rest.join('/');
  if (rest.length !== (core ? 1 : 2) || !byGroupVersion.has(gv)) {
    return undefined;
  }
  return resourceList(gv, byGroupVersion.get(gv)!);
}

function apiVersions() {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' },
    ],
  };
}

function versionsByGroup(kinds: ServedKind[]): Map<string, string[]> {
  const byGroup = new Map<string, string[]>();
  for (const k of kinds) {
    const versions = byGroup.get(k.group) ?? [];
    if (!versions.includes(k.version)) {
      byGroup.set(k.group, [...versions, k.version]);
    }
  }
  return byGroup;
}

function apiGroupList(kinds: ServedKind[]) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...versionsByGroup(kinds)].map(([name, versions]) => ({
      name,
      versions: versions.map(version => ({
        groupVersion: `${name}/${version}`,
        version,
      })),
      preferredVersion: {
        groupVersion: `${name}/${versions[0]}`,
        version: versions[0],
      },
    })),
  };
}

function resourceList(groupVersion: string, kinds: ServedKind[]) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: kinds.flatMap(k => [
      {
        name: k.plural,
        singularName: k.kind.toLowerCase(),
        namespaced: k.namespaced,
        kind: k.kind,
        verbs: VERBS,
      },
      ...(k.hasStatus
        ? [
            {
              name: `${k.plural}/status`,
              singularName: '',
              namespaced: k.namespaced,
              kind: k.kind,
              verbs: ['get', 'patch', 'update'],
            },
          ]
        : []),
    ]),
  };
}

/** `apidiscovery.k8s.io/v2` as a 1.30 server answers it: subresources nest under their resource. */
function aggregatedList(kinds: ServedKind[]) {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [...versionsByGroup(kinds)].map(([group, versions]) => ({
      // The core group's name is "", which the server omits.
      metadata: { ...(group && { name: group }), creationTimestamp: null },
      versions: versions.map(version => ({
        version,
        resources: kinds
          .filter(k => k.group === group && k.version === version)
          .map(k => ({
            resource: k.plural,
            responseKind: { group, version, kind: k.kind },
            scope: k.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: k.kind.toLowerCase(),
            verbs: VERBS,
            ...(k.hasStatus && {
              subresources: [
                {
                  subresource: 'status',
                  responseKind: { group, version, kind: k.kind },
                  verbs: ['get', 'patch', 'update'],
                },
              ],
            }),
          })),
        freshness: 'Current',
      })),
    })),
  };
}
