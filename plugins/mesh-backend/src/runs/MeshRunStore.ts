import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  MeshRun,
  MeshRunFile,
  MeshRunUpload,
  meshRunFileGroup,
} from '@mesh-templates/plugin-mesh-common';
import { Knex } from 'knex';
import {
  runStoreMigrationSource,
  runStoreMigrationTable,
} from './runStoreMigrations';

/** A run as looked up: its bundle, or the time its bundle expired, or nothing at all. */
export type StoredRunLookup =
  | { state: 'stored'; run: MeshRun }
  | { state: 'expired'; expiredAt: Date }
  | { state: 'unknown' };

interface BundleRow {
  task_id: string;
  created_by: string | null;
  clusters: string;
  created_at_ms: number | string;
  expires_at_ms: number | string;
  total_bytes: number | string;
  expired: boolean | number;
}

/** Expired bundles' rows are kept this long after expiry so their links can say why they are gone. */
const tombstoneMs = 30 * 86_400_000;

/** Template runs' bundles in the mesh plugin's database (SQLite or PostgreSQL, through Backstage's DatabaseService). */
export class MeshRunStore {
  static async create(database: DatabaseService): Promise<MeshRunStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        migrationSource: runStoreMigrationSource,
        tableName: runStoreMigrationTable,
      });
    }
    return new MeshRunStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  /** Stores (or, for a retried step, replaces) a run's bundle. */
  async put(
    upload: MeshRunUpload,
    times: { now: Date; expiresAt: Date },
  ): Promise<void> {
    const files = upload.files.map(f => ({
      task_id: upload.taskId,
      path: f.path,
      ...meshRunFileGroup(f.path),
      bytes: Buffer.byteLength(f.content, 'utf8'),
      content: f.content,
    }));
    await this.knex.transaction(async tx => {
      await tx('mesh_run_files').where({ task_id: upload.taskId }).delete();
      await tx('mesh_run_bundles').where({ task_id: upload.taskId }).delete();
      await tx('mesh_run_bundles').insert({
        task_id: upload.taskId,
        created_by: upload.createdBy ?? null,
        clusters: JSON.stringify(upload.clusters),
        created_at_ms: times.now.getTime(),
        expires_at_ms: times.expiresAt.getTime(),
        total_bytes: files.reduce((sum, f) => sum + f.bytes, 0),
        expired: false,
      });
      // Small batches keep each statement under SQLite's bound-parameter limit.
      await tx.batchInsert('mesh_run_files', files, 100);
    });
  }

  async get(taskId: string): Promise<StoredRunLookup> {
    const row = await this.knex<BundleRow>('mesh_run_bundles')
      .where({ task_id: taskId })
      .first();
    if (!row) return { state: 'unknown' };
    if (row.expired) {
      return {
        state: 'expired',
        expiredAt: new Date(Number(row.expires_at_ms)),
      };
    }
    const files = await this.knex('mesh_run_files')
      .where({ task_id: taskId })
      .select('path', 'cluster', 'component', 'bytes')
      .orderBy('path');
    return {
      state: 'stored',
      run: {
        taskId: row.task_id,
        createdBy: row.created_by ?? undefined,
        clusters: JSON.parse(row.clusters),
        createdAt: new Date(Number(row.created_at_ms)).toISOString(),
        expiresAt: new Date(Number(row.expires_at_ms)).toISOString(),
        files: files.map(f => ({
          path: f.path,
          cluster: f.cluster ?? undefined,
          component: f.component,
          bytes: Number(f.bytes),
        })),
      },
    };
  }

  /** File contents of a stored run: one file, or all of them (sorted by path) when `path` is omitted. */
  async readFiles(taskId: string, path?: string): Promise<MeshRunFile[]> {
    const query = this.knex('mesh_run_files')
      .where({ task_id: taskId })
      .select('path', 'content')
      .orderBy('path');
    if (path !== undefined) query.andWhere({ path });
    return query;
  }

  /**
   * Removes the files of every bundle past its expiry, keeping a row that says so, and forgets
   * those rows once they are old. Returns how many bundles were removed.
   */
  async removeExpired(now: Date): Promise<number> {
    return this.knex.transaction(async tx => {
      const due = tx('mesh_run_bundles')
        .where('expires_at_ms', '<=', now.getTime())
        .andWhere({ expired: false })
        .select('task_id');
      await tx('mesh_run_files').whereIn('task_id', due).delete();
      const removed = await tx('mesh_run_bundles')
        .where('expires_at_ms', '<=', now.getTime())
        .andWhere({ expired: false })
        .update({ expired: true });
      await tx('mesh_run_bundles')
        .where('expires_at_ms', '<=', now.getTime() - tombstoneMs)
        .delete();
      return removed;
    });
  }
}
