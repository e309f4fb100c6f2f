import { createApiRef } from '@backstage/core-plugin-api';
import { MeshHealthResponse } from '@mesh-templates/plugin-mesh-common';

/** Reads mesh health from the mesh backend; the browser names an entity at most, never a query. @public */
export interface MeshApi {
  getHealth(options?: { entityRef?: string }): Promise<MeshHealthResponse>;
}

/** @public */
export const meshApiRef = createApiRef<MeshApi>({ id: 'plugin.mesh.api' });
