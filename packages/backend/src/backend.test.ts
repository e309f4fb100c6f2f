import { Client } from 'pg';
import {
  startMeshBackend,
  loadRepoConfig,
} from './__testUtils__/startMeshBackend';
import { startPostgres, TestPostgres } from './__testUtils__/startPostgres';
import { waitForEntity } from './__testUtils__/waitForEntity';

jest.setTimeout(120_000);

async function expectMeshCatalog(baseUrl: string) {
  const template = await waitForEntity(baseUrl, {
    kind: 'Template',
    name: 'create-mesh-cluster',
  });
  expect(template.metadata.title).toBe('Create mesh cluster');
  expect(template.spec.type).toBe('mesh-cluster');

  const cluster = await waitForEntity(baseUrl, {
    kind: 'Resource',
    name: 'cluster-east',
  });
  expect(cluster.spec.type).toBe('kubernetes-cluster');
}

describe('the backend with every plugin', () => {
  it('serves the mesh template and the example entities from the catalog (SQLite in memory)', async () => {
    // GIVEN the repository's own app-config.yaml, whose database is SQLite in memory
    const config = await loadRepoConfig();
    expect((config as any).backend.database.client).toBe('better-sqlite3');

    // WHEN the real backend boots with every feature
    const backend = await startMeshBackend({ config });
    try {
      // THEN the catalog holds the template and the example entities
      await expectMeshCatalog(`http://127.0.0.1:${backend.server.port()}`);
    } finally {
      await backend.stop();
    }
  });

  describe('on PostgreSQL', () => {
    let postgres: TestPostgres;
    beforeAll(async () => {
      postgres = await startPostgres();
    });
    afterAll(async () => {
      await postgres?.stop();
    });

    it('serves the mesh template from a catalog stored in PostgreSQL', async () => {
      // GIVEN a real PostgreSQL server and the production database client
      const config = await loadRepoConfig();
      (config as any).backend.database = {
        client: 'pg',
        connection: {
          host: postgres.host,
          port: postgres.port,
          user: postgres.user,
          password: postgres.password,
        },
      };

      // WHEN the backend boots with Backstage's own DatabaseManager on that config
      const backend = await startMeshBackend({ config });
      try {
        // THEN the catalog works and its tables live in PostgreSQL
        await expectMeshCatalog(`http://127.0.0.1:${backend.server.port()}`);
        const client = new Client({
          host: postgres.host,
          port: postgres.port,
          user: postgres.user,
          password: postgres.password,
          database: 'backstage_plugin_catalog',
        });
        await client.connect();
        try {
          const { rows } = await client.query(
            "select count(*)::int as n from final_entities where entity_ref = 'template:default/create-mesh-cluster'",
          );
          expect(rows[0].n).toBe(1);
        } finally {
          await client.end();
        }
      } finally {
        await backend.stop();
      }
    });
  });
});
