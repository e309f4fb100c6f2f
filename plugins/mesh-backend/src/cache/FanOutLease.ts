import { createHash, randomUUID } from 'node:crypto';
import { Knex } from 'knex';

/**
 * Who loads a cache key when several backend replicas miss it at once. A CacheService has no atomic
 * "set if absent", so two replicas cannot agree through it alone; the database they already share
 * can: a primary-key insert succeeds for exactly one of them.
 */
export interface FanOutLease {
  /** The subset of `keys` this caller now holds for `ttlMs` (unless released earlier). */
  acquire(keys: string[], ttlMs: number): Promise<string[]>;
  /** Gives back keys acquired by this lease object. */
  release(keys: string[]): Promise<void>;
}

export const LEASE_TABLE = 'mesh_health_fanout_leases';

/** sqlite's default limit on bound variables is 999; stay well below it per statement. */
const CHUNK = 200;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Keys can be long (cluster and workload names); the table stores a fixed-length digest. */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Leases in the plugin's own database (SQLite in one process, PostgreSQL across replicas). */
export class DatabaseFanOutLease implements FanOutLease {
  /** One holder id per process: a replica never waits for itself. */
  private readonly holder = randomUUID();

  private constructor(
    private readonly db: Knex,
    private readonly now: () => number,
  ) {}

  static async create(
    db: Knex,
    now: () => number = Date.now,
  ): Promise<DatabaseFanOutLease> {
    if (!(await db.schema.hasTable(LEASE_TABLE))) {
      try {
        await db.schema.createTable(LEASE_TABLE, table => {
          table.string('key', 64).primary();
          table.string('holder', 64).notNullable();
          table.bigInteger('expires_at').notNullable();
        });
      } catch (error) {
        // Another replica created it between our check and our create.
        if (!(await db.schema.hasTable(LEASE_TABLE))) throw error;
      }
    }
    return new DatabaseFanOutLease(db, now);
  }

  async acquire(keys: string[], ttlMs: number): Promise<string[]> {
    const byDigest = new Map(keys.map(k => [digest(k), k]));
    const now = this.now();
    const acquired: string[] = [];
    for (const part of chunks([...byDigest.keys()])) {
      // A lease whose holder died or overran is free again.
      await this.db(LEASE_TABLE)
        .whereIn('key', part)
        .andWhere('expires_at', '<=', now)
        .delete();
      await this.db(LEASE_TABLE)
        .insert(
          part.map(key => ({
            key,
            holder: this.holder,
            expires_at: now + ttlMs,
          })),
        )
        .onConflict('key')
        .ignore();
      const mine: Array<{ key: string }> = await this.db(LEASE_TABLE)
        .select('key')
        .whereIn('key', part)
        .andWhere({ holder: this.holder });
      acquired.push(...mine.map(row => byDigest.get(row.key)!));
    }
    return acquired;
  }

  async release(keys: string[]): Promise<void> {
    for (const part of chunks(keys.map(digest))) {
      await this.db(LEASE_TABLE)
        .whereIn('key', part)
        .andWhere({ holder: this.holder })
        .delete();
    }
  }
}
