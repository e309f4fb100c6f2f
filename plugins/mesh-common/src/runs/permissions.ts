import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading a template run's stored bundle (file list, file contents, the .tar.gz). Checked for every
 * reader; on top of it, a reader who did not start the run must be able to read the catalog entity
 * of every cluster the bundle is for.
 *
 * @public
 */
export const meshRunReadPermission = createPermission({
  name: 'mesh.run.read',
  attributes: { action: 'read' },
});

/** Every permission of the mesh backend, for the permission registry. @public */
export const meshRunPermissions = [meshRunReadPermission];
