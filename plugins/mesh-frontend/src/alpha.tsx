import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { meshApiRef } from './api/MeshApi';
import { MeshClient } from './api/MeshClient';
import { isMeshEntity } from './isMeshEntity';

/** @alpha */
export const meshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: meshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MeshClient(deps),
    }),
});

/** Overview card on kubernetes-cluster Resources and on Components with a Kubernetes id. @alpha */
export const meshEntityCard = EntityCardBlueprint.make({
  name: 'health',
  params: {
    filter: isMeshEntity,
    loader: () =>
      import('./components/EntityMeshHealthCard').then(m => (
        <m.EntityMeshHealthCard />
      )),
  },
});

/** The "Mesh" tab on the same entities. @alpha */
export const meshEntityContent = EntityContentBlueprint.make({
  name: 'mesh',
  params: {
    path: '/mesh',
    title: 'Mesh',
    filter: isMeshEntity,
    loader: () =>
      import('./components/EntityMeshContent').then(m => (
        <m.EntityMeshContent />
      )),
  },
});

/** The mesh plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'mesh',
  extensions: [meshApi, meshEntityCard, meshEntityContent],
});
