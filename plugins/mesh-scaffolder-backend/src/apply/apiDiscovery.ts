import { KubeApiClient, KubeResponse } from './kubeClient';

/** What discovery says about one kind: the URL segment to use and whether it lives in namespaces. */
export interface ServedResource {
  groupVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

interface ApiResourceList {
  resources?: Array<{
    name: string;
    kind: string;
    namespaced: boolean;
    verbs?: string[];
  }>;
}

/**
 * Resolves kinds to resources through the API server's discovery endpoints (`/api`, `/apis`,
 * `/apis/<group>/<version>`), never by guessing plurals: `NetworkPolicy` is `networkpolicies`,
 * `Gateway` exists in two groups, and a CRD may pick any plural it likes. Answers are cached per
 * group version; `forgetServed` drops the cache once new CRDs are established.
 */
export class ApiDiscovery {
  private servedGroupVersions?: Promise<Set<string>>;
  private readonly resourceLists = new Map<
    string,
    Promise<Map<string, ServedResource>>
  >();

  constructor(
    private readonly client: KubeApiClient,
    private readonly clusterName: string,
  ) {}

  /** The resource for a kind, or undefined when the cluster does not serve it. */
  async resolve(
    apiVersion: string,
    kind: string,
  ): Promise<ServedResource | undefined> {
    const served = await this.groupVersions();
    if (!served.has(apiVersion)) {
      return undefined;
    }
    let list = this.resourceLists.get(apiVersion);
    if (!list) {
      list = this.fetchResources(apiVersion);
      this.resourceLists.set(apiVersion, list);
    }
    return (await list).get(kind);
  }

  forgetServed(): void {
    this.servedGroupVersions = undefined;
    this.resourceLists.clear();
  }

  private groupVersions(): Promise<Set<string>> {
    if (!this.servedGroupVersions) {
      this.servedGroupVersions = Promise.all([
        this.fetchJson('/api'),
        this.fetchJson('/apis'),
      ]).then(([core, groups]) => {
        const versions = new Set<string>(core.versions ?? []);
        for (const group of groups.groups ?? []) {
          for (const version of group.versions ?? []) {
            versions.add(version.groupVersion);
          }
        }
        return versions;
      });
      // A failed discovery must not stay cached for the next attempt.
      this.servedGroupVersions.catch(
        () => (this.servedGroupVersions = undefined),
      );
    }
    return this.servedGroupVersions;
  }

  private async fetchResources(
    groupVersion: string,
  ): Promise<Map<string, ServedResource>> {
    const path = groupVersion.includes('/')
      ? `/apis/${groupVersion}`
      : `/api/${groupVersion}`;
    const list: ApiResourceList = await this.fetchJson(path);
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

  private async fetchJson(path: string): Promise<any> {
    const response: KubeResponse = await this.client.get(path);
    if (response.status !== 200) {
      throw new Error(
        `Discovery ${path} on cluster "${this.clusterName}" failed: HTTP ${
          response.status
        } ${response.body?.message ?? ''}`.trim(),
      );
    }
    return response.body;
  }
}

/** The API path of one object of a served resource. */
export function objectPath(
  resource: ServedResource,
  name: string,
  namespace?: string,
): string {
  const root = resource.groupVersion.includes('/')
    ? `/apis/${resource.groupVersion}`
    : `/api/${resource.groupVersion}`;
  const scope = resource.namespaced
    ? `/namespaces/${encodeURIComponent(namespace ?? '')}`
    : '';
  return `${root}${scope}/${resource.plural}/${encodeURIComponent(name)}`;
}
