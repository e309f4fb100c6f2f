import { Knex } from 'knex';

/**
 * The mesh plugin's own schema, versioned in code so the migrations ship inside the package
 * (no migrations folder to resolve at run time). Applied by `MeshRunStore.create`.
 */
const migrations: Record<string, Knex.Migration> = {
  '20250101000000_run_bundles': {
    async up(knex) {
      await knex.schema.createTable('mesh_run_bundles', table => {
        table.string('task_id', 255).primary();
        table.string('created_by', 255).nullable();
        table.text('clusters').notNullable();
        table.bigInteger('created_at_ms').notNullable();
        table.bigInteger('expires_at_ms').notNullable().index();
        table.bigInteger('total_bytes').notNullable();
        // A removed bundle keeps this row for a while, so its link can say it expired.
        table.boolean('expired').notNullable().defaultTo(false);
      });
      await knex.schema.createTable('mesh_run_files', table => {
        table
          .string('task_id', 255)
          .notNullable()
          .references('task_id')
          .inTable('mesh_run_bundles')
          .onDelete('CASCADE');
        table.string('path', 1024).notNullable();
        table.string('cluster', 255).nullable();
        table.string('component', 255).notNullable();
        table.integer('bytes').notNullable();
        table.text('content').notNullable();
        table.primary(['task_id', 'path']);
      });
    },
    async down(knex) {
      await knex.schema.dropTable('mesh_run_files');
      await knex.schema.dropTable('mesh_run_bundles');
    },
  },
};

export const runStoreMigrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return Object.keys(migrations).sort();
  },
  getMigrationName(name) {
    return name;
  },
  async getMigration(name) {
    return migrations[name];
  },
};

/** Its own bookkeeping table, so the mesh schema never mixes with another plugin's history. */
export const runStoreMigrationTable = 'mesh_knex_migrations';
