import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading mesh health (`GET /api/mesh/health`). A resource permission of the catalog entity the
 * health is for — a cluster Resource or a Component — so a policy can answer with catalog
 * conditions (owner, annotation, ...) and let a team see some clusters and not others. The
 * all-clusters view asks it without an entity; a conditional answer there narrows the view to the
 * cluster entities the conditions allow.
 *
 * @public
 */
export const meshHealthReadPermission = createPermission({
  name: 'mesh.health.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/** The mesh health permissions, for the permission registry. @public */
export const meshHealthPermissions = [meshHealthReadPermission];
