import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
} from '@backstage/plugin-permission-node';
import {
  CATALOG_ENTITY_RESOURCE_TYPE,
  meshClusterApplyPermission,
} from '../apply/permissions';

/**
 * The annotation of a cluster's catalog entity that allows direct apply to it. It lives in the
 * cluster's `catalog-info.yaml`, so allowing a cluster goes through the same review as its tree.
 */
export const DIRECT_APPLY_ANNOTATION = 'mesh.backstage.io/direct-apply';

export interface MeshPermissionPolicyOptions {
  /** Every request allowed: the local demo only. */
  allowAll: boolean;
}

/**
 * A policy for a shared portal: reads (`mesh.health.read` and `mesh.run.read` among them) and
 * everything else are allowed except `mesh.cluster.apply`, which is
 * allowed only for cluster entities annotated `mesh.backstage.io/direct-apply: "allowed"` — a
 * catalog condition, so the catalog decides per cluster and production clusters stay denied by
 * default.
 */
export class MeshPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: MeshPermissionPolicyOptions) {}

  async handle(request: PolicyQuery): Promise<PolicyDecision> {
    if (
      !this.options.allowAll &&
      isPermission(request.permission, meshClusterApplyPermission)
    ) {
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
        conditions: {
          rule: 'HAS_ANNOTATION',
          resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
          params: { annotation: DIRECT_APPLY_ANNOTATION, value: 'allowed' },
        },
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
