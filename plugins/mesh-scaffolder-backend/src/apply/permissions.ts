import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows applying a mesh bundle directly to a cluster with `mesh:cluster:apply`. A direct apply
 * bypasses the GitOps review, so a permission policy can keep it to platform engineers.
 */
export const meshClusterApplyPermission = createPermission({
  name: 'mesh.cluster.apply',
  attributes: { action: 'create' },
});
