import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { meshPlugin } from '../plugin';
import {
  MisbehavingServer,
  startMisbehavingPrometheus,
} from '../testing/startMisbehavingPrometheus';

const clusterResource = (name: string, clusterName?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: clusterName
      ? { 'mesh.backstage.io/cluster-name': clusterName }
      : {},
  },
  spec: { type: 'kubernetes-cluster', owner: 'team' },
});

/**
 * `mesh.health.read` on a real backend, with a policy the test sets: a definitive or conditional
 * answer for the all-clusters view, and per entity an answer from the set of allowed entity refs
 * (what the catalog would make of a conditional decision). Each "Prometheus" answers HTTP 500 and
 * counts requests, so the tests see that a cluster the user may not read is never asked.
 */
describe('mesh.health.read', () => {
  const prometheus: Record<string, MisbehavingServer> = {};
  const policy = {
    withoutEntity: AuthorizeResult.ALLOW as AuthorizeResult,
    allowedEntities: new Set<string>(),
  };
  const authorized: AuthorizePermissionRequest[] = [];
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    for (const name of ['east', 'west', 'north']) {
      prometheus[name] = await startMisbehavingPrometheus('http500');
    }
    const permissions = mockServices.permissions.mock({
      authorize: async (requests: AuthorizePermissionRequest[]) => {
        authorized.push(...requests);
        return requests.map(r => ({
          result: policy.allowedEntities.has(r.resourceRef ?? '')
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        }));
      },
      authorizeConditional: async (requests: QueryPermissionRequest[]) =>
        requests.map(() =>
          policy.withoutEntity === AuthorizeResult.CONDITIONAL
            ? {
                result: AuthorizeResult.CONDITIONAL,
                pluginId: 'catalog',
                resourceType: 'catalog-entity',
                conditions: {
                  rule: 'HAS_ANNOTATION',
                  resourceType: 'catalog-entity',
                  params: { annotation: 'example.com/team' },
                },
              }
            : { result: policy.withoutEntity },
        ) as any,
    });
    ({ server } = await startTestBackend({
      features: [
        meshPlugin,
        permissions.factory,
        mockServices.rootConfig.factory({
          data: {
            mesh: {
              cacheTtlMs: 1,
              clusters: ['east', 'west', 'north'].map(name => ({
                name: `cluster-${name}`,
                prometheus: { url: prometheus[name].url },
              })),
            },
          },
        }),
        // cluster-north is configured but has no catalog entity.
        catalogServiceMock.factory({
          entities: [
            clusterResource('cluster-east'),
            clusterResource('renamed', 'cluster-west'),
          ],
        }),
      ],
    }));
  });
  afterAll(async () => {
    await Promise.all(Object.values(prometheus).map(p => p.stop()));
  });
  beforeEach(() => {
    policy.withoutEntity = AuthorizeResult.ALLOW;
    policy.allowedEntities = new Set();
    authorized.length = 0;
  });

  const get = (query = '') => request(server).get(`/api/mesh/health${query}`);
  const requestsTo = () =>
    Object.fromEntries(
      Object.entries(prometheus).map(([name, p]) => [name, p.requests]),
    );
  const clusterNames = (res: request.Response) =>
    res.body.clusters.map((c: { name: string }) => c.name);

  it('is registered with the permission framework as a catalog entity permission', async () => {
    const res = await request(server).get(
      '/api/mesh/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    expect(res.body.permissions).toContainEqual({
      type: 'resource',
      name: 'mesh.health.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
  });

  it('refuses an entity the user may not read with 403, and asks no Prometheus', async () => {
    // GIVEN a policy that allows only the cluster-east entity
    policy.allowedEntities = new Set(['resource:default/cluster-east']);
    const before = requestsTo();

    // WHEN the user asks for the renamed (cluster-west) entity
    const res = await get('?entityRef=resource:default/renamed');

    // THEN it is refused, for that entity, with the user's own credentials
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('mesh.health.read'),
    });
    expect(authorized).toEqual([
      {
        permission: expect.objectContaining({ name: 'mesh.health.read' }),
        resourceRef: 'resource:default/renamed',
      },
    ]);
    expect(requestsTo()).toEqual(before);

    // AND the allowed entity answers as before
    const allowed = await get('?entityRef=resource:default/cluster-east');
    expect(allowed.status).toBe(200);
    expect(clusterNames(allowed)).toEqual(['cluster-east']);
  });

  it('shows every configured cluster when the policy allows the permission outright', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(clusterNames(res)).toEqual([
      'cluster-east',
      'cluster-west',
      'cluster-north',
    ]);
    // One decision for the whole view, no per-entity batch.
    expect(authorized).toEqual([]);
  });

  it('refuses the all-clusters view with 403 when the policy denies the permission', async () => {
    policy.withoutEntity = AuthorizeResult.DENY;
    const before = requestsTo();
    const res = await get();
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(requestsTo()).toEqual(before);
  });

  it('narrows the all-clusters view to the clusters whose entity a conditional policy allows', async () => {
    // GIVEN a conditional policy that the catalog resolves to the renamed (cluster-west) entity only
    policy.withoutEntity = AuthorizeResult.CONDITIONAL;
    policy.allowedEntities = new Set(['resource:default/renamed']);
    const before = requestsTo();

    // WHEN the user asks for every cluster
    const res = await get().set(
      'Authorization',
      mockCredentials.user.header('user:default/alice'),
    );

    // THEN every cluster entity was authorized in one batch
    expect(res.status).toBe(200);
    expect(authorized.map(r => r.resourceRef)).toEqual([
      'resource:default/cluster-east',
      'resource:default/renamed',
    ]);
    // AND only cluster-west is shown and asked; cluster-north, without an entity, is hidden
    expect(clusterNames(res)).toEqual(['cluster-west']);
    const after = requestsTo();
    expect(after.west - before.west).toBe(2);
    expect(after.east).toBe(before.east);
    expect(after.north).toBe(before.north);
  });
});
