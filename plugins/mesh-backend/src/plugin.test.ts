import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { meshPlugin } from './plugin';
import { bufferedAnswerLimit } from './prometheus/httpTransport';
import {
  MisbehavingServer,
  startMisbehavingPrometheus,
} from './testing/startMisbehavingPrometheus';

const resource = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'kubernetes-cluster', owner: 'team' },
});

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

/**
 * Route-level behaviour on a real backend: auth, validation, entity scoping, and that a request can only
 * ever reach configured Prometheus URLs. The "Prometheus" here answers HTTP 500 and counts requests, so
 * the tests see exactly which clusters were asked.
 */
describe('mesh backend plugin', () => {
  let east: MisbehavingServer;
  let west: MisbehavingServer;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    [east, west] = await Promise.all([
      startMisbehavingPrometheus('http500'),
      startMisbehavingPrometheus('http500'),
    ]);
    ({ server } = await startTestBackend({
      features: [
        meshPlugin,
        mockServices.rootConfig.factory({
          data: {
            mesh: {
              cacheTtlMs: 1,
              maxBufferedAnswers: 5,
              clusters: [
                {
                  name: 'cluster-east',
                  prometheus: { url: east.url, token: 'super-secret-token' },
                },
                { name: 'cluster-west', prometheus: { url: west.url } },
              ],
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            resource('cluster-east'),
            resource('renamed', {
              'mesh.backstage.io/cluster-name': 'cluster-west',
            }),
            resource('evil', {
              'mesh.backstage.io/cluster-name': 'http://169.254.169.254/latest',
            }),
            component('reviews', {
              'backstage.io/kubernetes-id': 'reviews',
              'backstage.io/kubernetes-namespace': 'bookinfo',
            }),
            component('no-annotation', {}),
            component('bad-id', { 'backstage.io/kubernetes-id': 'x"} or up{' }),
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'System',
              metadata: { name: 'sys', namespace: 'default' },
              spec: {},
            },
          ],
        }),
      ],
    }));
  });
  afterAll(async () => {
    await Promise.all([east?.stop(), west?.stop()]);
  });

  const get = (query = '') => request(server).get(`/api/mesh/health${query}`);

  it('requires user or service credentials', async () => {
    const res = await get().set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('bounds the Prometheus answers the process buffers at once by mesh.maxBufferedAnswers', () => {
    expect(bufferedAnswerLimit.limit).toBe(5);
  });

  it('returns every configured cluster, and never a credential', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(
      res.body.clusters.map((c: any) => [c.name, c.status, c.reasons]),
    ).toEqual([
      ['cluster-east', 'unknown', ['Prometheus answered HTTP 500']],
      ['cluster-west', 'unknown', ['Prometheus answered HTTP 500']],
    ]);
    expect(JSON.stringify(res.body)).not.toContain('super-secret-token');
    expect(JSON.stringify(res.body)).not.toContain(east.url);
  });

  it('narrows a cluster Resource to its cluster, by name or by annotation', async () => {
    const before = { east: east.requests, west: west.requests };
    const byName = await get('?entityRef=resource:default/cluster-east');
    expect(byName.body.clusters.map((c: any) => c.name)).toEqual([
      'cluster-east',
    ]);
    expect(byName.body.scope).toEqual({
      entityRef: 'resource:default/cluster-east',
      clusterNames: ['cluster-east'],
    });
    const byAnnotation = await get('?entityRef=resource:default/renamed');
    expect(byAnnotation.body.clusters.map((c: any) => c.name)).toEqual([
      'cluster-west',
    ]);
    expect(east.requests - before.east).toBe(2);
    expect(west.requests - before.west).toBe(2);
  });

  it('scopes a Component to its workload in every cluster', async () => {
    const res = await get('?entityRef=component:default/reviews');
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({
      entityRef: 'component:default/reviews',
      clusterNames: ['cluster-east', 'cluster-west'],
      workload: { id: 'reviews', namespace: 'bookinfo' },
    });
    expect(res.body.clusters).toHaveLength(2);
  });

  it('fetches nothing for a cluster name that is not configured, whatever the annotation holds', async () => {
    const before = east.requests + west.requests;
    const res = await get('?entityRef=resource:default/evil');
    expect(res.status).toBe(200);
    expect(res.body.clusters).toEqual([]);
    expect(res.body.scope.clusterNames).toEqual([
      'http://169.254.169.254/latest',
    ]);
    expect(east.requests + west.requests).toBe(before);
  });

  it.each([
    ['?entityRef=', 400],
    ['?entityRef=not a ref', 400],
    ['?promql=up', 400],
    ['?entityRef=component:default/no-annotation', 400],
    ['?entityRef=component:default/bad-id', 400],
    ['?entityRef=system:default/sys', 400],
    ['?entityRef=resource:default/missing', 404],
  ])('answers %s with %i and an error body', async (query, status) => {
    const res = await get(query);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toEqual(expect.any(String));
  });
});
