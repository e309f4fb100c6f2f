import { createApiRef } from '@backstage/core-plugin-api';
import { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';

/** A cluster's committed spec and where the backend read it from (a URL or file, never a token). @public */
export interface CommittedMeshSpec {
  spec: MeshClusterSpec;
  location: string;
}

/**
 * Reads a cluster entity's committed spec through the mesh backend, which reads the GitOps
 * repository with the backend's integrations; the browser names the entity only. @public
 */
export interface MeshSpecApi {
  getCommittedSpec(entityRef: string): Promise<CommittedMeshSpec>;
}

/** @public */
export const meshSpecApiRef = createApiRef<MeshSpecApi>({
  id: 'plugin.mesh.spec',
});
