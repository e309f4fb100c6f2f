import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MESH_CLUSTER_NAME_ANNOTATION,
  MeshRun,
  meshRunReadPermission,
} from '@mesh-templates/plugin-mesh-common';

/** Refuses the request unless the policy grants `mesh.run.read` at all. */
export async function requireRunReadPermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: meshRunReadPermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      'Reading template run bundles is not permitted (mesh.run.read)',
    );
  }
}

/**
 * The user who started the run may read it; anyone else only when the catalog lets them read a
 * cluster entity of every cluster in the bundle. The catalog applies its own entity read
 * permission to these lookups, so a cluster someone cannot see keeps its bundle from them too.
 */
export async function requireRunReader(
  run: MeshRun,
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >,
  catalog: CatalogService,
): Promise<void> {
  const { principal } = credentials;
  if (principal.type === 'service') return;
  if (principal.userEntityRef === run.createdBy) return;
  for (const cluster of run.clusters) {
    const { items } = await catalog.getEntities(
      {
        filter: [
          { kind: 'resource', 'metadata.name': cluster },
          {
            kind: 'resource',
            [`metadata.annotations.${MESH_CLUSTER_NAME_ANNOTATION}`]: cluster,
          },
        ],
        fields: ['metadata.name'],
        limit: 1,
      },
      { credentials },
    );
    if (items.length === 0) {
      throw new NotAllowedError(
        `Only the user who started run ${run.taskId}, or who can read the catalog entity of cluster ${cluster}, may read its bundle`,
      );
    }
  }
}
