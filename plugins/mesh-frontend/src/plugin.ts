import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { meshApiRef } from './api/MeshApi';
import { MeshClient } from './api/MeshClient';
import { meshRunsApiRef } from './api/MeshRunsApi';
import { MeshRunsClient } from './api/MeshRunsClient';
import { meshSpecApiRef } from './api/MeshSpecApi';
import { MeshSpecClient } from './api/MeshSpecClient';
import { meshContentRouteRef, meshRunsRouteRef } from './routes';

/** The mesh plugin for apps on the legacy frontend system. @public */
export const meshPlugin = createPlugin({
  id: 'mesh',
  apis: [
    createApiFactory({
      api: meshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MeshClient(deps),
    }),
    createApiFactory({
      api: meshRunsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MeshRunsClient(deps),
    }),
    createApiFactory({
      api: meshSpecApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MeshSpecClient(deps),
    }),
  ],
  routes: { entityContent: meshContentRouteRef, runs: meshRunsRouteRef },
});

/** Mesh health card for an entity's overview page. @public */
export const EntityMeshHealthCard = meshPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshHealthCard',
    component: {
      lazy: () =>
        import('./components/EntityMeshHealthCard').then(
          m => m.EntityMeshHealthCard,
        ),
    },
  }),
);

/** The "Mesh" tab of an entity page. @public */
export const EntityMeshContent = meshPlugin.provide(
  createRoutableExtension({
    name: 'EntityMeshContent',
    component: () =>
      import('./components/EntityMeshContent').then(m => m.EntityMeshContent),
    mountPoint: meshContentRouteRef,
  }),
);

/** Template runs' rendered files, mounted at `/mesh/runs` (`/mesh/runs/:taskId` per run). @public */
export const MeshRunsPage = meshPlugin.provide(
  createRoutableExtension({
    name: 'MeshRunsPage',
    component: () =>
      import('./components/runs/MeshRunsPage').then(m => m.MeshRunsPage),
    mountPoint: meshRunsRouteRef,
  }),
);
