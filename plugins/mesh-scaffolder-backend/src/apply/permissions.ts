import { createPermission } from '@backstage/plugin-permission-common';

/** The catalog's resource type, the one whose conditions a policy can use for clusters. */
export const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

/**
 * Allows applying a mesh bundle directly to one cluster with `mesh:cluster:apply`. A resource
 * permission of the cluster's catalog entity (`resource:<namespace>/<cluster>`): a policy answers
 * with catalog conditions (an annotation, the owner, ...) so that lab clusters can be allowed and
 * production clusters denied. A direct apply bypasses the GitOps review.
 */
export const meshClusterApplyPermission = createPermission({
  name: 'mesh.cluster.apply',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});
