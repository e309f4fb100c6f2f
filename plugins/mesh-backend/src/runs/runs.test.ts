import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { MeshRunUpload, pollUntil } from '@mesh-templates/plugin-mesh-common';
import { Knex } from 'knex';
import request from 'supertest';
import * as tar from 'tar';
import { meshPlugin } from '../plugin';
import { runCleanupTaskId } from './scheduleRunCleanup';

const scaffolder = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:scaffolder'),
  targetPluginId: 'mesh',
});
const owner = mockCredentials.user.header('user:default/owner');
const stranger = mockCredentials.user.header('user:default/stranger');

const upload = (taskId: string, cluster: string): MeshRunUpload => ({
  taskId,
  createdBy: 'user:default/owner',
  clusters: [cluster],
  files: [
    { path: 'bundle-index.json', content: '[]\n' },
    {
      path: `clusters/${cluster}/istio/values/istiod.yaml`,
      content: 'pilot:\n  autoscaleEnabled: true\n',
    },
    { path: `clusters/${cluster}/README.md`, content: '# ünïcode\n' },
  ],
});

async function untar(archive: Buffer): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const parser = new tar.Parser({
    onReadEntry: entry => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => {
        files[entry.path] = Buffer.concat(chunks).toString('utf8');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
    parser.end(archive);
  });
  return files;
}

// Created while the test file loads: it registers its own clean-up hooks.
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function startRunsBackend(options: {
  retention: Record<string, number>;
  maxBundleBytes?: number;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const knex = await databases.init('SQLITE_3');
  const scheduler = mockServices.scheduler();
  const decision = { result: options.permission ?? AuthorizeResult.ALLOW };
  const permissions = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ({ ...decision })),
  });
  const { server } = await startTestBackend({
    features: [
      meshPlugin,
      mockServices.rootConfig.factory({
        data: {
          mesh: {
            runs: {
              retention: options.retention,
              maxBundleBytes: options.maxBundleBytes,
            },
          },
        },
      }),
      mockServices.database.factory({ knex }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      permissions.factory,
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: { name: 'cluster-east', namespace: 'default' },
            spec: { type: 'kubernetes-cluster', owner: 'team' },
          },
        ],
      }),
    ],
  });
  return { server, knex, scheduler, decision };
}

describe('template run bundles', () => {
  describe('with the default retention', () => {
    let backend: Awaited<ReturnType<typeof startRunsBackend>>;
    beforeAll(async () => {
      backend = await startRunsBackend({ retention: { days: 3 } });
      for (const [taskId, cluster] of [
        ['task-1', 'cluster-east'],
        ['task-2', 'no-entity'],
      ]) {
        await request(backend.server)
          .post('/api/mesh/runs')
          .set('authorization', scaffolder)
          .send(upload(taskId, cluster))
          .expect(201);
      }
    });
    afterAll(() => backend?.server.stop());

    it('lists the files by cluster and component', async () => {
      const res = await request(backend.server)
        .get('/api/mesh/runs/task-1')
        .set('authorization', owner);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        taskId: 'task-1',
        createdBy: 'user:default/owner',
        clusters: ['cluster-east'],
        files: [
          { path: 'bundle-index.json', component: 'bundle', bytes: 3 },
          {
            path: 'clusters/cluster-east/README.md',
            cluster: 'cluster-east',
            component: 'cluster',
            bytes: 12,
          },
          {
            path: 'clusters/cluster-east/istio/values/istiod.yaml',
            cluster: 'cluster-east',
            component: 'istio',
          },
        ],
      });
    });

    it('serves one file and the whole bundle as .tar.gz, byte for byte', async () => {
      const file = await request(backend.server)
        .get('/api/mesh/runs/task-1/files')
        .query({ path: 'clusters/cluster-east/README.md' })
        .set('authorization', owner);
      expect(file.body).toEqual({
        path: 'clusters/cluster-east/README.md',
        content: '# ünïcode\n',
      });

      const archive = await request(backend.server)
        .get('/api/mesh/runs/task-1/bundle.tar.gz')
        .set('authorization', owner)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(archive.status).toBe(200);
      expect(archive.headers['content-type']).toBe('application/gzip');
      expect(archive.headers['content-disposition']).toContain(
        'mesh-bundle-task-1.tar.gz',
      );
      const expected = Object.fromEntries(
        upload('task-1', 'cluster-east').files.map(f => [f.path, f.content]),
      );
      expect(await untar(archive.body)).toEqual(expected);
    });

    it('refuses requests without auth, without the permission, and from non-owners who cannot see the cluster', async () => {
      await request(backend.server)
        .get('/api/mesh/runs/task-1')
        .set('authorization', mockCredentials.none.header())
        .expect(401);
      // The cluster's catalog entity is readable: another user may read the run.
      await request(backend.server)
        .get('/api/mesh/runs/task-1')
        .set('authorization', stranger)
        .expect(200);
      // No entity for this run's cluster: only its owner may.
      const refused = await request(backend.server)
        .get('/api/mesh/runs/task-2/bundle.tar.gz')
        .set('authorization', stranger);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('no-entity');
      await request(backend.server)
        .get('/api/mesh/runs/task-2')
        .set('authorization', owner)
        .expect(200);

      backend.decision.result = AuthorizeResult.DENY;
      try {
        const denied = await request(backend.server)
          .get('/api/mesh/runs/task-1/bundle.tar.gz')
          .set('authorization', owner);
        expect(denied.status).toBe(403);
        expect(denied.body.error.message).toContain('mesh.run.read');
      } finally {
        backend.decision.result = AuthorizeResult.ALLOW;
      }
    });

    it('stores only what the scaffolder sends, within the bounds, without credentials', async () => {
      await request(backend.server)
        .post('/api/mesh/runs')
        .set('authorization', owner)
        .send(upload('task-3', 'cluster-east'))
        .expect(403);
      await request(backend.server)
        .post('/api/mesh/runs')
        .set(
          'authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:catalog'),
            targetPluginId: 'mesh',
          }),
        )
        .send(upload('task-3', 'cluster-east'))
        .expect(403);
      const escaping = upload('task-3', 'cluster-east');
      escaping.files[0].path = '../outside.yaml';
      await request(backend.server)
        .post('/api/mesh/runs')
        .set('authorization', scaffolder)
        .send(escaping)
        .expect(400);
      const leaking = upload('task-3', 'cluster-east');
      leaking.files[1].content = 'apiVersion: v1\nkind: Secret\n';
      const refused = await request(backend.server)
        .post('/api/mesh/runs')
        .set('authorization', scaffolder)
        .send(leaking);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(
        'clusters/cluster-east/istio/values/istiod.yaml:2: a Kubernetes Secret object',
      );
      await request(backend.server)
        .get('/api/mesh/runs/task-3')
        .set('authorization', owner)
        .expect(404);
    });

    it('keeps unexpired bundles when the cleanup runs', async () => {
      await backend.scheduler.triggerTask(runCleanupTaskId);
      const kept = await request(backend.server)
        .get('/api/mesh/runs/task-1')
        .set('authorization', owner);
      expect(kept.status).toBe(200);
    });
  });

  describe('with a short retention', () => {
    let backend: Awaited<ReturnType<typeof startRunsBackend>>;
    beforeAll(async () => {
      backend = await startRunsBackend({
        retention: { milliseconds: 200 },
        maxBundleBytes: 1000,
      });
    });
    afterAll(() => backend?.server.stop());

    const fileRows = (knex: Knex) =>
      knex('mesh_run_files').where({ task_id: 'short-1' }).count({ n: '*' });

    it('refuses a bundle larger than mesh.runs.maxBundleBytes', async () => {
      const large = upload('large-1', 'cluster-east');
      large.files[1].content = `a: "${'x'.repeat(1000)}"\n`;
      const refused = await request(backend.server)
        .post('/api/mesh/runs')
        .set('authorization', scaffolder)
        .send(large);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(
        'more than mesh.runs.maxBundleBytes (1000)',
      );
    });

    it('the scheduled cleanup removes expired bundles, and their link says they expired', async () => {
      await request(backend.server)
        .post('/api/mesh/runs')
        .set('authorization', scaffolder)
        .send(upload('short-1', 'cluster-east'))
        .expect(201);
      expect(Number((await fileRows(backend.knex))[0].n)).toBe(3);

      // Cleanup runs as the scheduler would, until the bundle is past its retention.
      const answer = await pollUntil(
        async () => {
          await backend.scheduler.triggerTask(runCleanupTaskId);
          const res = await request(backend.server)
            .get('/api/mesh/runs/short-1/bundle.tar.gz')
            .set('authorization', owner);
          return res.status === 200 ? undefined : res;
        },
        {
          timeoutMs: 10_000,
          intervalMs: 50,
          description: 'the cleanup to remove the bundle of run short-1',
        },
      );

      expect(answer.status).toBe(404);
      expect(answer.body.error.message).toMatch(
        /^The bundle of run short-1 expired on .* and was removed/,
      );
      expect(Number((await fileRows(backend.knex))[0].n)).toBe(0);
      await request(backend.server)
        .get('/api/mesh/runs/never-stored')
        .set('authorization', owner)
        .expect(404, /No stored bundle for run never-stored/);
    });
  });
});
