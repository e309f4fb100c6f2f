import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { meshHealthReadPermission } from '@mesh-templates/plugin-mesh-common';
import {
  DIRECT_APPLY_ANNOTATION,
  meshClusterApplyPermission,
  MeshPermissionPolicy,
} from '@mesh-templates/plugin-scaffolder-backend-module-mesh';

type Entity = Parameters<typeof permissionRules.hasAnnotation.apply>[0];

const cluster = (name: string, annotations: Record<string, string> = {}) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
  } as Entity);

describe('the production permission policy', () => {
  const policy = new MeshPermissionPolicy({ allowAll: false });

  it('allows reads and the template, and answers apply with a catalog condition on the cluster', async () => {
    // GIVEN the production policy, a read permission and the apply permission
    const read = createPermission({
      name: 'mesh.run.read',
      attributes: { action: 'read' },
    });

    // THEN reads are allowed
    await expect(policy.handle({ permission: read })).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    // AND apply is conditional on the cluster entity, evaluated by the catalog's own rule
    const decision = await policy.handle({
      permission: meshClusterApplyPermission,
    });
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
    });
    const condition = (decision as any).conditions;
    const rule = Object.values(permissionRules).find(
      r => r.name === condition.rule,
    )!;
    const allows = (entity: Entity) => rule.apply(entity, condition.params);
    expect(
      allows(cluster('cluster-lab', { [DIRECT_APPLY_ANNOTATION]: 'allowed' })),
    ).toBe(true);
    expect(allows(cluster('cluster-prod'))).toBe(false);
    expect(
      allows(cluster('cluster-prod', { [DIRECT_APPLY_ANNOTATION]: 'no' })),
    ).toBe(false);
  });

  it('allows mesh.health.read outright, so every cluster entity and the all-clusters view are readable', async () => {
    // GIVEN the production policy and the mesh health read permission, a catalog-entity permission
    expect(meshHealthReadPermission).toMatchObject({
      name: 'mesh.health.read',
      resourceType: 'catalog-entity',
    });

    // WHEN the policy is asked for it
    const decision = await policy.handle({
      permission: meshHealthReadPermission,
    });

    // THEN it is a definitive allow, not a condition on the entity: reads stay open by default
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows everything in the demo mode only', async () => {
    await expect(
      new MeshPermissionPolicy({ allowAll: true }).handle({
        permission: meshClusterApplyPermission,
      }),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
