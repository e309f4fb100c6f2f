/**
 * Names the mesh cluster a `kubernetes-cluster` Resource stands for (a `mesh.clusters[].name`).
 * The "Create mesh cluster" template writes it; without it the entity's name is used.
 * On a Component it may list cluster names, comma-separated, to narrow where its workloads are looked for.
 *
 * @public
 */
export const MESH_CLUSTER_NAME_ANNOTATION = 'mesh.backstage.io/cluster-name';

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
