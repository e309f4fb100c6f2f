import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { meshApiRef } from './api/MeshApi';
import { MeshClient } from './api/MeshClient';
import { meshRunsApiRef } from './api/MeshRunsApi';
import { MeshRunsClient } from './api/MeshRunsClient';
import { isMeshEntity, isMeshSystemEntity } from './isMeshEntity';

/** @alpha */
export const meshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: meshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MeshClient(deps),
    }),
});

/** @alpha */
export const meshRunsApi = ApiBlueprint.make({
  name: 'runs',
  params: defineParams =>
    defineParams({
      api: meshRunsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MeshRunsClient(deps),
    }),
});

/** Template runs' rendered files: the task page links to `/mesh/runs/:taskId`. @alpha */
export const meshRunsPage = PageBlueprint.make({
  name: 'runs',
  params: {
    path: '/mesh/runs',
    loader: () =>
      import('./components/runs/MeshRunsPage').then(m => <m.MeshRunsPage />),
  },
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

/** The "Mesh" tab of a System: its clusters' topology, grouped by network. @alpha */
export const meshSystemContent = EntityContentBlueprint.make({
  name: 'mesh-topology',
  params: {
    path: '/mesh',
    title: 'Mesh',
    filter: isMeshSystemEntity,
    loader: () =>
      import('./components/topology/EntityMeshTopologyContent').then(m => (
        <m.EntityMeshTopologyContent />
      )),
  },
});

/** The mesh plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'mesh',
  extensions: [
    meshApi,
    meshRunsApi,
    meshEntityCard,
    meshEntityContent,
    meshSystemContent,
    meshRunsPage,
  ],
});
