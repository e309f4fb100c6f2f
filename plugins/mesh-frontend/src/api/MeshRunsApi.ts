import { createApiRef } from '@backstage/core-plugin-api';
import { MeshRun, MeshRunFile } from '@mesh-templates/plugin-mesh-common';

/** A template run's stored bundle, read from the mesh backend with the user's Backstage identity. @public */
export interface MeshRunsApi {
  getRun(taskId: string): Promise<MeshRun>;
  getRunFile(taskId: string, path: string): Promise<MeshRunFile>;
  /** The whole bundle as .tar.gz. */
  downloadRunBundle(taskId: string): Promise<Blob>;
}

/** @public */
export const meshRunsApiRef = createApiRef<MeshRunsApi>({
  id: 'plugin.mesh.runs',
});
