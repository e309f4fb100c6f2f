import {
  MESH_CLUSTER_ROLE_ANNOTATION,
  MESH_ID_ANNOTATION,
  MESH_ISTIO_REVISION_ANNOTATION,
  MESH_ISTIO_VERSION_ANNOTATION,
  MESH_MULTI_CLUSTER_MODEL_ANNOTATION,
  MESH_NETWORK_ANNOTATION,
  MESH_SPEC_LOCATION_ANNOTATION,
} from '../health/annotations';
import { MESH_CLUSTER_DOCUMENT_FILE } from './meshClusterDocument';
import type { MeshClusterSpec } from './meshClusterSpec';

/**
 * What a cluster's catalog entity says about its committed spec, so the catalog and the Mesh tab
 * can show it next to what Prometheus reports, and "Change mesh" can find the spec document
 * (beside `catalog-info.yaml` in the cluster's folder). `cluster` is the member whose entity it is.
 */
export function clusterEntityAnnotations(
  spec: MeshClusterSpec,
  cluster = spec.cluster.name,
): Record<string, string> {
  const member = spec.multiCluster.clusters.find(c => c.name === cluster);
  return {
    [MESH_ISTIO_VERSION_ANNOTATION]: spec.istio.version,
    [MESH_ISTIO_REVISION_ANNOTATION]: spec.istio.revision || 'default',
    [MESH_MULTI_CLUSTER_MODEL_ANNOTATION]: spec.multiCluster.model,
    [MESH_CLUSTER_ROLE_ANNOTATION]: member?.role ?? 'primary',
    [MESH_ID_ANNOTATION]: spec.mesh.id,
    [MESH_NETWORK_ANNOTATION]: member?.network ?? spec.cluster.network,
    [MESH_SPEC_LOCATION_ANNOTATION]: `./${MESH_CLUSTER_DOCUMENT_FILE}`,
  };
}
