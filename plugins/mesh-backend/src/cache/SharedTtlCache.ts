import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { FanOutLease } from './FanOutLease';

/** What the shared store holds per key: the value and when it stops being fresh for every replica. */
interface StoredEntry<T> {
  value: T;
  expiresAt: number;
}

/** Where each key of a lookup was answered from; the bench reports the shared hit rate from these. */
export interface CacheStats {
  /** This replica's copy of a shared value, or a load already in flight here. */
  local: number;
  /** Read from the shared store (another replica, or this one earlier, loaded it). */
  shared: number;
  /** Another replica held the lease; this one waited for its value instead of asking Prometheus. */
  waited: number;
  /** Loaded from Prometheus by this replica. */
  loaded: number;
}

export interface SharedTtlCacheOptions {
  store: CacheService;
  ttlMs: number;
  /** Without a lease, replicas that miss at the same moment each load (fine for one process). */
  lease?: FanOutLease;
  /** How long a lease holder may take: past it, a waiting replica loads the key itself. */
  leaseTtlMs: number;
  pollMs?: number;
  now?: () => number;
}

/**
 * A TTL cache shared by backend replicas through Backstage's CacheService (memory in one process,
 * Redis or another store across replicas). Per key, in order: this replica's copy of the shared
 * value (kept until the shared expiry, so warm requests cost no store round trip), a load already in
 * flight here, the shared store, then a lease so that of the replicas missing a key at once only one
 * loads it while the others wait for its value. Loads must not reject (collectors return `unknown`).
 */
export class SharedTtlCache<T> {
  private readonly local = new Map<string, StoredEntry<T>>();
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly now: () => number;
  readonly stats: CacheStats = { local: 0, shared: 0, waited: 0, loaded: 0 };

  constructor(private readonly options: SharedTtlCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The keys missing everywhere are handed to ONE call of `loadMissing`, which returns a promise per
   * key (so the loads share upstream work); each key settles on its own.
   */
  async getOrLoadMany(
    keys: string[],
    loadMissing: (missing: string[]) => Map<string, Promise<T>>,
  ): Promise<T[]> {
    this.prune();
    const now = this.now();
    const pending: string[] = [];
    for (const key of new Set(keys)) {
      const cached = this.local.get(key);
      if ((cached && cached.expiresAt > now) || this.inFlight.has(key)) {
        this.stats.local++;
      } else {
        pending.push(key);
      }
    }
    if (pending.length > 0) {
      const batch = this.resolveShared(pending, loadMissing);
      for (const key of pending) {
        const promise = batch
          .then(loads => loads.get(key)!)
          .finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, promise);
      }
    }
    return Promise.all(
      keys.map(key => {
        const cached = this.local.get(key);
        return cached && cached.expiresAt > now
          ? Promise.resolve(cached.value)
          : this.inFlight.get(key)!;
      }),
    );
  }

  /** Drops expired local copies, so the map cannot grow without bound. */
  prune(): void {
    const now = this.now();
    for (const [key, entry] of this.local) {
      if (entry.expiresAt <= now) this.local.delete(key);
    }
  }

  private async resolveShared(
    keys: string[],
    loadMissing: (missing: string[]) => Map<string, Promise<T>>,
  ): Promise<Map<string, Promise<T>>> {
    const result = new Map<string, Promise<T>>();
    const missing = await this.readShared(keys, result);
    this.stats.shared += keys.length - missing.length;
    if (missing.length === 0) return result;
    const { lease, leaseTtlMs } = this.options;
    const mine = lease
      ? await lease
          .acquire(missing, leaseTtlMs)
          // Without the database this replica cannot coordinate; it still answers, by loading itself.
          .catch(() => missing)
      : missing;
    const others = missing.filter(key => !mine.includes(key));
    if (mine.length > 0) {
      this.stats.loaded += mine.length;
      const loads = loadMissing(mine);
      const stored = mine.map(key => {
        const load = loads.get(key);
        if (!load) throw new Error(`no load for cache key ${key}`);
        const done = load.then(value => this.store(key, value));
        result.set(key, done);
        return done;
      });
      if (lease) {
        // Waiting replicas read the values; the lease only has to outlive the writes.
        Promise.allSettled(stored).then(() =>
          lease.release(mine).catch(() => {}),
        );
      }
    }
    if (others.length > 0) {
      this.stats.waited += others.length;
      const waited = this.waitForOthers(others, loadMissing);
      for (const key of others)
        result.set(
          key,
          waited.then(values => values.get(key)!),
        );
    }
    return result;
  }

  /** Fills `result` with the keys the shared store holds; returns the others. */
  private async readShared(
    keys: string[],
    result: Map<string, Promise<T>>,
  ): Promise<string[]> {
    const now = this.now();
    const entries = await Promise.all(
      keys.map(key =>
        this.options.store
          .get<JsonValue>(key)
          // An unreachable shared store is a miss: this replica loads, the answer still comes.
          .catch(() => undefined),
      ),
    );
    const missing: string[] = [];
    keys.forEach((key, i) => {
      const entry = entries[i] as unknown as StoredEntry<T> | undefined;
      if (entry && entry.expiresAt > now) {
        this.local.set(key, entry);
        result.set(key, Promise.resolve(entry.value));
      } else {
        missing.push(key);
      }
    });
    return missing;
  }

  /**
   * Polls the shared store for keys another replica is loading. Past the lease's lifetime the holder
   * is presumed gone, and whatever is still missing is loaded here.
   */
  private async waitForOthers(
    keys: string[],
    loadMissing: (missing: string[]) => Map<string, Promise<T>>,
  ): Promise<Map<string, Promise<T>>> {
    const result = new Map<string, Promise<T>>();
    const deadline = this.now() + this.options.leaseTtlMs;
    let missing = keys;
    while (missing.length > 0 && this.now() < deadline) {
      await new Promise(r => setTimeout(r, this.options.pollMs ?? 20));
      missing = await this.readShared(missing, result);
    }
    if (missing.length > 0) {
      const loads = loadMissing(missing);
      for (const key of missing)
        result.set(
          key,
          loads.get(key)!.then(value => this.store(key, value)),
        );
    }
    return result;
  }

  private async store(key: string, value: T): Promise<T> {
    const entry = { value, expiresAt: this.now() + this.options.ttlMs };
    this.local.set(key, entry);
    try {
      await this.options.store.set(key, entry as unknown as JsonValue, {
        ttl: this.options.ttlMs,
      });
    } catch {
      // The shared store being down costs other replicas a load, never this answer.
    }
    return value;
  }
}
