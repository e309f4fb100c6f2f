import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the legacy app mounts the Mesh tab. @public */
export const meshContentRouteRef = createRouteRef({ id: 'mesh-content' });

/** Where the legacy app mounts the template runs' pages (`/mesh/runs/:taskId`). @public */
export const meshRunsRouteRef = createRouteRef({ id: 'mesh-runs' });
