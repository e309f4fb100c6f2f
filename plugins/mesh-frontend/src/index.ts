/**
 * Mesh health card and Mesh tab for Backstage entities (legacy frontend system; the new system's plugin
 * is under `/alpha`).
 *
 * @packageDocumentation
 */
export {
  meshPlugin,
  EntityMeshHealthCard,
  EntityMeshContent,
  MeshRunsPage,
} from './plugin';
export { meshApiRef } from './api/MeshApi';
export type { MeshApi } from './api/MeshApi';
export { MeshClient } from './api/MeshClient';
export { isMeshEntity } from './isMeshEntity';
export {
  meshContentRouteRef,
  meshRunsRouteRef,
  meshClusterTemplateRouteRef,
} from './routes';
export { meshSpecApiRef } from './api/MeshSpecApi';
export type { MeshSpecApi, CommittedMeshSpec } from './api/MeshSpecApi';
export { MeshSpecClient } from './api/MeshSpecClient';
export { meshRunsApiRef } from './api/MeshRunsApi';
export type { MeshRunsApi } from './api/MeshRunsApi';
export { MeshRunsClient } from './api/MeshRunsClient';
