/**
 * Names the mesh cluster a `kubernetes-cluster` Resource stands for (a `mesh.clusters[].name`).
 * The "Create mesh cluster" template writes it; without it the entity's name is used.
 * On a Component it may list cluster names, comma-separated, to narrow where its workloads are looked for.
 *
 * @public
 */
export const MESH_CLUSTER_NAME_ANNOTATION = 'mesh.backstage.io/cluster-name';

/**
 * The Istio version the committed spec names for this cluster (`istio.version`), written on the
 * cluster's catalog entity so the health view can tell "Git says 1.31.1, the cluster runs 1.30.3".
 *
 * @public
 */
export const MESH_ISTIO_VERSION_ANNOTATION = 'mesh.backstage.io/istio-version';

/** The istiod revision the committed spec names (`istio.revision`; `default` when none). @public */
export const MESH_ISTIO_REVISION_ANNOTATION =
  'mesh.backstage.io/istio-revision';

/** The mesh ID (`mesh.id`) a cluster belongs to; the mesh's System entity carries it too. @public */
export const MESH_ID_ANNOTATION = 'mesh.backstage.io/mesh-id';

/** The cluster's Istio network (`cluster.network`). @public */
export const MESH_NETWORK_ANNOTATION = 'mesh.backstage.io/network';

/** `primary` or `remote` (`multiCluster.model` and the cluster's role in it). @public */
export const MESH_CLUSTER_ROLE_ANNOTATION = 'mesh.backstage.io/cluster-role';

/**
 * The multi-cluster model the committed spec names (`multiCluster.model`: `single`,
 * `multi-primary` or `primary-remote`), shown beside what Prometheus reports. @public
 */
export const MESH_MULTI_CLUSTER_MODEL_ANNOTATION =
  'mesh.backstage.io/multi-cluster-model';

/**
 * Where the cluster's committed spec document is: a path relative to the entity's own location
 * (`backstage.io/managed-by-location`, as TechDocs resolves `dir:.`), normally
 * `./mesh-cluster.yaml` beside `catalog-info.yaml`, or an absolute `url:` location. @public
 */
export const MESH_SPEC_LOCATION_ANNOTATION = 'mesh.backstage.io/spec-location';

/** The Kubernetes plugin's workload id, reused so Components need no mesh-specific annotation. @public */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/** The Kubernetes plugin's namespace annotation. @public */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/** The smallest entity shape needed here, so this package needs no catalog-model dependency. @public */
export interface AnnotatedEntity {
  metadata: { name: string; annotations?: Record<string, string> };
}

/**
 * The mesh cluster names an entity refers to: the annotation's comma-separated values, or the entity's
 * name when the annotation is absent or empty.
 *
 * @public
 */
export function meshClusterNamesOf(entity: AnnotatedEntity): string[] {
  const raw = entity.metadata.annotations?.[MESH_CLUSTER_NAME_ANNOTATION];
  const names = (raw ?? '')
    .split(',')
    .map(n => n.trim())
    .filter(Boolean);
  return names.length > 0 ? names : [entity.metadata.name];
}
