import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  parseMeshClusterSpec,
  toMeshClusterDocument,
} from '@mesh-templates/plugin-mesh-common';
import express from 'express';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import { createSpecRouter } from './specRouter';

const spec = parseMeshClusterSpec({
  cluster: { name: 'east' },
  istio: { version: '1.30.1' },
});
const documentText = stringify(toMeshClusterDocument(spec));

const cluster = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'east', namespace: 'default', annotations },
  spec: { type: 'kubernetes-cluster', owner: 'team' },
});

const catalogFileUrl =
  'https://github.example.test/platform/gitops/blob/main/clusters/east/catalog-info.yaml';

function appWith(entities: Entity[], texts: Record<string, string>) {
  const read: string[] = [];
  const urlReader = mockServices.urlReader.mock({
    readUrl: async (url: string) => {
      read.push(url);
      if (!(url in texts)) throw new Error(`unexpected read of ${url}`);
      return {
        buffer: async () => Buffer.from(texts[url]),
        stream: () => {
          throw new Error('not used');
        },
      };
    },
  });
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [{ host: 'github.example.test' }] },
    }),
  );
  const app = express()
    .use(
      createSpecRouter({
        httpAuth: mockServices.httpAuth(),
        catalog: catalogServiceMock({ entities }),
        urlReader,
        integrations,
      }),
    )
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
  return { app, read };
}

describe('GET /spec', () => {
  it('reads the spec beside the entity’s catalog file through the integrations', async () => {
    // GIVEN a cluster entity registered from a GitHub URL, its spec beside catalog-info.yaml
    // GitHub's resolveUrl answers a /tree/ URL for any path; its reader fetches tree and blob URLs alike.
    const specUrl =
      'https://github.example.test/platform/gitops/tree/main/clusters/east/mesh-cluster.yaml';
    const { app, read } = appWith(
      [
        cluster({
          'backstage.io/managed-by-location': `url:${catalogFileUrl}`,
          'mesh.backstage.io/spec-location': './mesh-cluster.yaml',
        }),
      ],
      { [specUrl]: documentText },
    );
    // WHEN the route is asked for it
    const res = await request(app)
      .get('/spec?entityRef=resource:default/east')
      .set('authorization', mockCredentials.user.header());
    // THEN the reader read the resolved URL and the spec comes back whole
    expect(res.status).toBe(200);
    expect(read).toEqual([specUrl]);
    expect(res.body).toEqual({
      spec: JSON.parse(JSON.stringify(spec)),
      location: `url:${specUrl}`,
    });
  });

  it('refuses a document that is not a MeshCluster, naming the field at fault', async () => {
    const { app } = appWith(
      [cluster({ 'mesh.backstage.io/spec-location': 'url:https://h.test/x' })],
      {
        'https://h.test/x': documentText.replace('1.30.1', '9.9.9'),
      },
    );
    const res = await request(app).get('/spec?entityRef=resource:default/east');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('spec.istio.version');
  });

  it('refuses an unknown document version and YAML that does not parse', async () => {
    const { app } = appWith(
      [cluster({ 'mesh.backstage.io/spec-location': 'url:https://h.test/x' })],
      {
        'https://h.test/x':
          'apiVersion: mesh.backstage.io/v9\nkind: MeshCluster\nspec: {}\n',
      },
    );
    const res = await request(app).get('/spec?entityRef=resource:default/east');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('apiVersion');

    const broken = appWith(
      [cluster({ 'mesh.backstage.io/spec-location': 'url:https://h.test/x' })],
      { 'https://h.test/x': 'spec: [unclosed' },
    );
    const bad = await request(broken.app).get(
      '/spec?entityRef=resource:default/east',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('not valid YAML');
  });

  it('answers 404 for an entity without a spec location or not in the catalog', async () => {
    const { app } = appWith([cluster({})], {});
    const res = await request(app).get('/spec?entityRef=resource:default/east');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('mesh.backstage.io/spec-location');
    const missing = await request(app).get(
      '/spec?entityRef=resource:default/nowhere',
    );
    expect(missing.status).toBe(404);
  });

  it('refuses callers without credentials and requests without an entityRef', async () => {
    const { app, read } = appWith([cluster({})], {});
    const anonymous = await request(app)
      .get('/spec?entityRef=resource:default/east')
      .set('authorization', mockCredentials.user.invalidHeader());
    expect(anonymous.status).toBe(401);
    expect((await request(app).get('/spec')).status).toBe(400);
    expect(read).toEqual([]);
  });

  describe('file locations (the demo catalog)', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-spec-'));
      fs.mkdirSync(path.join(dir, 'catalog/clusters/east'), {
        recursive: true,
      });
      fs.writeFileSync(path.join(dir, 'catalog/entities.yaml'), '');
      fs.writeFileSync(
        path.join(dir, 'catalog/clusters/east/mesh-cluster.yaml'),
        documentText,
      );
      fs.writeFileSync(path.join(dir, 'outside.yaml'), documentText);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const fromFile = (specLocation: string) =>
      appWith(
        [
          cluster({
            'backstage.io/managed-by-location': `file:${dir}/catalog/entities.yaml`,
            'mesh.backstage.io/spec-location': specLocation,
          }),
        ],
        {},
      ).app;

    it('reads a spec under the folder of the catalog file that registered the entity', async () => {
      const res = await request(
        fromFile('./clusters/east/mesh-cluster.yaml'),
      ).get('/spec?entityRef=resource:default/east');
      expect(res.status).toBe(200);
      expect(res.body.spec.cluster.name).toBe('east');
    });

    it('refuses a path that leaves that folder', async () => {
      const res = await request(fromFile('../outside.yaml')).get(
        '/spec?entityRef=resource:default/east',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('under the folder');
    });
  });
});
