import {
  MESH_CLUSTER_DOCUMENT_FILE,
  toMeshClusterDocument,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import type { BundleFile } from '../bundle/meshBundle';
import { serializeYamlDocument } from './serializeYaml';

/**
 * The spec document a cluster folder is rendered from, placed in the folder itself so that the
 * repository remembers the spec: `mesh-bundle render --spec <folder>/mesh-cluster.yaml`
 * reproduces the folder, and later changes start from it. Every member of a mesh gets the same
 * document, the spec that rendered its tree.
 */
export function meshClusterDocumentFile(
  spec: MeshClusterSpec,
  targetPath: string,
): BundleFile {
  return {
    path: `${targetPath}/${MESH_CLUSTER_DOCUMENT_FILE}`,
    content: serializeYamlDocument(toMeshClusterDocument(spec)),
  };
}
