import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ClusterHealth,
  UpgradeGateClient,
} from '@mesh-templates/plugin-mesh-common';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { meshPlugin } from '../plugin';
import {
  failingCanaryCluster,
  upgradeClusters,
  upgradingCluster,
} from '../testing/fixtureClusters';
import { MeshFixture, startMeshFixture } from '../testing/startMeshFixture';

jest.setTimeout(60_000);

/**
 * GIVEN two clusters mid-upgrade from 1.30.3 (1-30-3) to 1.31.0 (1-31-0), each in its own real
 * Prometheus, with 6 proxies on stable and 2 on the canary, and on one of them the canary's
 * workload answering 20 % 5xx; WHEN the backend is asked for health and for the upgrade gate;
 * THEN both revisions and the split are reported, and promote is refused only where the canary errs.
 */
describe('upgrade gate against real Prometheus', () => {
  let fixture: MeshFixture;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    fixture = await startMeshFixture({
      clusters: upgradeClusters,
      maxLifetimeSec: 600,
    });
    ({ server } = await startTestBackend({
      features: [
        meshPlugin,
        mockServices.rootConfig.factory({
          data: { mesh: { cacheTtlMs: 1, ...fixture.meshConfig() } },
        }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    }));
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  const gate = (query: string) =>
    request(server)
      .get(`/api/mesh/upgrade-gate?${query}`)
      .set('Authorization', mockCredentials.service.header());

  it('reports both revisions of each cluster with the 6/2 proxy split', async () => {
    const res = await request(server).get('/api/mesh/health');
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      (res.body.clusters as ClusterHealth[]).map(c => [c.name, c]),
    );
    for (const cluster of upgradeClusters) {
      const revisions = byName[cluster.name].controlPlane.revisions!;
      expect(
        revisions.map(r => ({
          revision: r.revision,
          versions: r.versions,
          istiodUp: r.istiodUp,
          connectedProxies: r.connectedProxies,
          xdsRejectsPerMinute: r.xdsRejectsPerMinute,
          proxyVersions: r.proxyVersions,
        })),
      ).toEqual([
        {
          revision: '1-30-3',
          versions: ['1.30.3'],
          istiodUp: true,
          connectedProxies: 6,
          xdsRejectsPerMinute: 0,
          proxyVersions: [{ version: '1.30.3', count: 6 }],
        },
        {
          revision: '1-31-0',
          versions: ['1.31.0'],
          istiodUp: true,
          connectedProxies: 2,
          xdsRejectsPerMinute: 0,
          proxyVersions: [{ version: '1.31.0', count: 2 }],
        },
      ]);
      expect(byName[cluster.name].controlPlane.connectedProxies).toBe(8);
    }
    const canary5xx =
      byName[failingCanaryCluster.name].controlPlane.revisions![1]
        .errorRate5xx!;
    expect(Math.abs(canary5xx - 0.2)).toBeLessThan(0.004);
  });

  it('refuses promote on the cluster whose canary answers 5xx and allows it on the clean one', async () => {
    const query = (cluster: string) =>
      `cluster=${cluster}&stage=promote&from=1-30-3&to=1-31-0`;
    const clean = await gate(query(upgradingCluster.name));
    expect(clean.status).toBe(200);
    expect(clean.body).toEqual({
      cluster: upgradingCluster.name,
      stage: 'promote',
      from: '1-30-3',
      to: '1-31-0',
      allowed: true,
      reasons: [],
    });
    const failing = await gate(query(failingCanaryCluster.name));
    expect(failing.status).toBe(200);
    expect(failing.body.allowed).toBe(false);
    expect(failing.body.reasons).toHaveLength(1);
    expect(failing.body.reasons[0]).toMatch(
      /^cluster-canary-5xx: workloads on revision 1-31-0 answer 2\d\.\d\d % 5xx against 0\.00 % on 1-30-3 \(allowed increase 0\.10 %\)$/,
    );
  });

  it('refuses cleanup while 6 proxies still connect to the old revision, through the service client', async () => {
    const { port } = server.address() as AddressInfo;
    const client = new UpgradeGateClient({
      discovery: {
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/mesh`,
      },
      auth: {
        getOwnServiceCredentials: async () => mockCredentials.service(),
        getPluginRequestToken: async () => ({
          token: mockCredentials.service.token(),
        }),
      },
    });
    await expect(
      client.check({
        cluster: upgradingCluster.name,
        stage: 'cleanup',
        from: '1-30-3',
        to: '1-31-0',
      }),
    ).resolves.toMatchObject({
      allowed: false,
      reasons: ['cluster-upgrade: 6 proxies still connect to revision 1-30-3'],
    });
  });

  it('answers 400 for a stage it does not gate and 401 without credentials', async () => {
    const bad = await gate('cluster=cluster-upgrade&stage=move&from=a&to=b');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('stage');
    const anonymous = await request(server)
      .get(
        '/api/mesh/upgrade-gate?cluster=cluster-upgrade&stage=promote&from=a&to=b',
      )
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});
