import { createRouteRef } from '@backstage/core-plugin-api';
import { createExternalRouteRef } from '@backstage/frontend-plugin-api';

/** Where the legacy app mounts the Mesh tab. @public */
export const meshContentRouteRef = createRouteRef({ id: 'mesh-content' });

/** Where the legacy app mounts the template runs' pages (`/mesh/runs/:taskId`). @public */
export const meshRunsRouteRef = createRouteRef({ id: 'mesh-runs' });

/**
 * The scaffolder's page for one template (`/create/templates/:namespace/:templateName`), where
 * "Change mesh" opens the Create mesh cluster form; the app binds it to the scaffolder's
 * `selectedTemplate` route. @public
 */
export const meshClusterTemplateRouteRef = createExternalRouteRef({
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});
