import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  meshClusterNamesOf,
  meshHealthReadPermission,
} from '@mesh-templates/plugin-mesh-common';

const NOT_PERMITTED = 'Reading mesh health is not permitted (mesh.health.read)';

/** Refuses the request unless the policy lets these credentials read the health of `entityRef`. */
export async function requireEntityHealthRead(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  entityRef: string,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: meshHealthReadPermission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`${NOT_PERMITTED} for ${entityRef}`);
  }
}

/**
 * The configured cluster names the all-clusters view may show these credentials, or `undefined`
 * for all of them.
 *
 * The permission is asked once without an entity first: a policy that allows it outright (the
 * production default) keeps the view exactly as it was — every configured cluster, with or without
 * a catalog entity — at the cost of one decision, and a policy that denies it refuses the view
 * (403). Only a conditional answer, a policy scoping health by cluster entity, costs a catalog
 * query: every cluster Resource these credentials can read is authorized in one batch, and the view
 * shows the clusters those allowed entities name. A configured cluster without a catalog entity is
 * then hidden, since no condition can allow it.
 */
export async function readableClusterNames(options: {
  permissions: PermissionsService;
  catalog: CatalogService;
  credentials: BackstageCredentials;
}): Promise<string[] | undefined> {
  const { permissions, catalog, credentials } = options;
  const [decision] = await permissions.authorizeConditional(
    [{ permission: meshHealthReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return undefined;
  if (decision.result === AuthorizeResult.DENY) {
    throw new NotAllowedError(NOT_PERMITTED);
  }
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'resource', 'spec.type': 'kubernetes-cluster' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
    },
    { credentials },
  );
  if (items.length === 0) return [];
  const decisions = await permissions.authorize(
    items.map(entity => ({
      permission: meshHealthReadPermission,
      resourceRef: stringifyEntityRef(entity),
    })),
    { credentials },
  );
  const allowed = items.filter(
    (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
  );
  return [...new Set(allowed.flatMap(meshClusterNamesOf))];
}
