import {
  clusterEntityAnnotations,
  MESH_CLUSTER_NAME_ANNOTATION,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import yaml from 'yaml';

/** Annotation of Backstage's Kubernetes plugin that names the cluster an entity runs on. */
export const KUBERNETES_CLUSTER_ANNOTATION = 'backstage.io/kubernetes-cluster';

/** File name of the catalog entity at the root of the cluster's folder. */
export const catalogInfoFileName = 'catalog-info.yaml';

export interface CatalogInfoOptions {
  cluster: string;
  /** Entity ref of the owner, e.g. `group:default/platform-team`. */
  owner: string;
  /** Entity ref of the mesh System, if the catalog has one. */
  system?: string;
  meshId?: string;
  /** The spec the folder is rendered from: its Istio version, revision, model and location. */
  spec?: MeshClusterSpec;
}

/**
 * The cluster as a catalog `Resource` of type `kubernetes-cluster`. It sits in the pull request so
 * the cluster enters the catalog when the change merges; the mesh health tab reads its
 * annotations to know which cluster's Prometheus to ask.
 */
export function renderCatalogInfo(options: CatalogInfoOptions): string {
  const { cluster, owner, system, meshId } = options;
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster,
      description: meshId
        ? `Kubernetes cluster ${cluster}, member of the Istio mesh ${meshId}`
        : `Kubernetes cluster ${cluster} with an Istio service mesh`,
      annotations: {
        [KUBERNETES_CLUSTER_ANNOTATION]: cluster,
        [MESH_CLUSTER_NAME_ANNOTATION]: cluster,
        ...(options.spec && clusterEntityAnnotations(options.spec, cluster)),
      },
      tags: ['istio', 'service-mesh'],
    },
    spec: {
      type: 'kubernetes-cluster',
      owner,
      ...(system ? { system } : {}),
    },
  };
  return yaml.stringify(entity);
}
