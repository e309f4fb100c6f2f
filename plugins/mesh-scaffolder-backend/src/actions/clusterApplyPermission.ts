import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ApplyTarget } from '../apply/applyTargets';
import { meshClusterApplyPermission } from '../apply/permissions';

/**
 * Checks mesh.cluster.apply against every target's cluster entity and refuses the whole run,
 * naming the denied clusters, before anything is read or sent to any of them.
 */
export async function authorizeClusterApply(
  permissions: PermissionsService,
  targets: ApplyTarget[],
  credentials: BackstageCredentials,
): Promise<void> {
  const decisions = await permissions.authorize(
    targets.map(t => ({
      permission: meshClusterApplyPermission,
      resourceRef: t.entityRef,
    })),
    { credentials },
  );
  const denied = targets.filter(
    (_, i) => decisions[i]?.result !== AuthorizeResult.ALLOW,
  );
  if (denied.length > 0) {
    throw new NotAllowedError(
      `You are not allowed to apply mesh bundles to ${denied
        .map(t => t.entityRef)
        .join(
          ', ',
        )} (permission mesh.cluster.apply); ask a platform engineer, or use the GitOps pull request`,
    );
  }
}
