import {
  V1APIGroupList,
  V1APIResourceList,
  V1APIVersions,
} from '@kubernetes/client-node';
import { KubeRequestError } from './kubeRequestError';

/** What discovery says about one kind: the URL segment to use and whether it lives in namespaces. */
export interface ServedResource {
  groupVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

/** Where discovery documents come from: the cluster's client, through its auth and TLS. */
export interface DiscoveryDocumentSource {
  getDiscoveryDocument<T extends object>(
    path: string,
    accept: string,
  ): Promise<T>;
}

/**
 * `apidiscovery.k8s.io/v2`, the part apply reads. `@kubernetes/client-node` has no model for it.
 * The core group's name is "" and left out.
 */
interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  items?: Array<{
    metadata?: { name?: string };
    versions?: Array<{
      version: string;
      resources?: Array<{
        resource: string;
        responseKind?: { kind?: string };
        scope: 'Cluster' | 'Namespaced';
      }>;
    }>;
  }>;
}

type RootDocument = APIGroupDiscoveryList | V1APIVersions | V1APIGroupList;

/**
 * Aggregated discovery first, plain JSON as the fallback in the same request: a server older than
 * 1.26 (or with aggregated discovery switched off) answers the legacy document instead of 406.
 */
export const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9';

/** Served group versions; a legacy root lists versions whose resources are fetched on demand. */
type ServedGroupVersions = Map<string, Map<string, ServedResource> | 'ask'>;

/**
 * Resolves kinds to resources through the API server's discovery, never by guessing plurals:
 * `NetworkPolicy` is `networkpolicies`, `Gateway` exists in two groups, and a CRD may pick any
 * plural it likes. Aggregated discovery (`/api` and `/apis` as `APIGroupDiscoveryList`) answers
 * every kind in those two requests; against an older server, `/api(s)/<group version>` is asked
 * once per group version apply needs. `forgetServed` drops the cache once new CRDs are applied.
 */
export class ApiDiscovery {
  private served?: Promise<ServedGroupVersions>;
  private readonly legacyLists = new Map<
    string,
    Promise<Map<string, ServedResource>>
  >();

  constructor(
    private readonly source: DiscoveryDocumentSource,
    private readonly clusterName: string,
  ) {}

  /** The resource for a kind, or undefined when the cluster does not serve it. */
  async resolve(
    apiVersion: string,
    kind: string,
  ): Promise<ServedResource | undefined> {
    const resources = (await this.servedGroupVersions()).get(apiVersion);
    if (resources === 'ask') {
      let list = this.legacyLists.get(apiVersion);
      if (!list) {
        list = this.fetchLegacyList(apiVersion);
        this.legacyLists.set(apiVersion, list);
      }
      return (await list).get(kind);
    }
    return resources?.get(kind);
  }

  forgetServed(): void {
    this.served = undefined;
    this.legacyLists.clear();
  }

  private servedGroupVersions(): Promise<ServedGroupVersions> {
    if (!this.served) {
      this.served = Promise.allSettled(
        ['/api', '/apis'].map(path =>
          this.fetch<RootDocument>(path, DISCOVERY_ACCEPT),
        ),
      ).then(answers => {
        const served: ServedGroupVersions = new Map();
        for (const answer of answers) {
          // Settled in request order, so the first failure reported is always the same one.
          if (answer.status === 'rejected') {
            throw answer.reason;
          }
          addRoot(served, answer.value);
        }
        return served;
      });
      // A failed discovery must not stay cached for the next attempt.
      this.served.catch(() => (this.served = undefined));
    }
    return this.served;
  }

  private async fetchLegacyList(
    groupVersion: string,
  ): Promise<Map<string, ServedResource>> {
    const list = await this.fetch<V1APIResourceList>(
      groupVersion.includes('/')
        ? `/apis/${groupVersion}`
        : `/api/${groupVersion}`,
      'application/json',
    );
    const byKind = new Map<string, ServedResource>();
    for (const resource of list.resources ?? []) {
      // Subresources (`deployments/status`) share the kind of their parent; skip them.
      if (!resource.name.includes('/')) {
        byKind.set(resource.kind, {
          groupVersion,
          kind: resource.kind,
          plural: resource.name,
          namespaced: resource.namespaced,
        });
      }
    }
    return byKind;
  }

  private async fetch<T extends object>(
    path: string,
    accept: string,
  ): Promise<T> {
    try {
      return await this.source.getDiscoveryDocument<T>(path, accept);
    } catch (error) {
      const reason =
        error instanceof KubeRequestError ? error.message : String(error);
      throw new Error(
        `Discovery ${path} on cluster "${this.clusterName}" failed: ${reason}`,
      );
    }
  }
}

function addRoot(served: ServedGroupVersions, root: RootDocument): void {
  if (root.kind === 'APIGroupDiscoveryList') {
    for (const group of (root as APIGroupDiscoveryList).items ?? []) {
      const name = group.metadata?.name ?? '';
      for (const { version, resources = [] } of group.versions ?? []) {
        const groupVersion = name ? `${name}/${version}` : version;
        const byKind = new Map<string, ServedResource>();
        for (const r of resources) {
          const kind = r.responseKind?.kind ?? '';
          byKind.set(kind, {
            groupVersion,
            kind,
            plural: r.resource,
            namespaced: r.scope === 'Namespaced',
          });
        }
        served.set(groupVersion, byKind);
      }
    }
  } else if ('versions' in root) {
    for (const version of root.versions ?? []) {
      served.set(version, 'ask');
    }
  } else {
    for (const group of (root as V1APIGroupList).groups ?? []) {
      for (const version of group.versions ?? []) {
        served.set(version.groupVersion, 'ask');
      }
    }
  }
}

/**
 * The API path of a served resource: of one object when named, else of the collection (of one
 * namespace, or of all when a namespaced kind is given none).
 */
export function objectPath(
  resource: ServedResource,
  name?: string,
  namespace?: string,
): string {
  const root = resource.groupVersion.includes('/')
    ? `/apis/${resource.groupVersion}`
    : `/api/${resource.groupVersion}`;
  const scope =
    resource.namespaced && namespace !== undefined
      ? `/namespaces/${encodeURIComponent(namespace)}`
      : '';
  const object = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  return `${root}${scope}/${resource.plural}${object}`;
}
