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
import { meshSpecApiRef } from './api/MeshSpecApi';
import { MeshSpecClient } from './api/MeshSpecClient';
import { isMeshEntity, isMeshSystemEntity } from './isMeshEntity';
import { meshClusterTemplateRouteRef } from './routes';

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

/** A cluster's committed spec, for "Change mesh". @alpha */
export const meshSpecApi = ApiBlueprint.make({
  name: 'spec',
  params: defineParams =>
    defineParams({
      api: meshSpecApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MeshSpecClient(deps),
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
        <m.EntityMeshHealthCard changeMesh />
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
        <m.EntityMeshContent changeMesh />
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
  externalRoutes: { meshClusterTemplate: meshClusterTemplateRouteRef },
  extensions: [
    meshApi,
    meshRunsApi,
    meshSpecApi,
    meshEntityCard,
    meshEntityContent,
    meshSystemContent,
    meshRunsPage,
  ],
});
