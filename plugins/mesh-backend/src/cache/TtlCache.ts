/**
 * Keeps each value for `ttlMs` and shares one in-flight load between concurrent callers, so a burst of
 * requests for the same cluster costs Prometheus one query. Loads must not reject (collectors return
 * `unknown` instead); a rejected load is simply not cached.
 */
export class TtlCache<T> {
  private readonly values = new Map<string, { value: T; expiresAt: number }>();
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async getOrLoad(key: string, load: () => Promise<T>): Promise<T> {
    const [value] = await this.getOrLoadMany(
      [key],
      () => new Map([[key, load()]]),
    );
    return value;
  }

  /**
   * Like `getOrLoad` for several keys at once: the keys neither cached nor in flight are handed to
   * ONE call of `loadMissing`, which returns a promise per key (so the loads can share upstream work),
   * and each promise is cached and shared on its own as soon as it settles.
   */
  async getOrLoadMany(
    keys: string[],
    loadMissing: (missing: string[]) => Map<string, Promise<T>>,
  ): Promise<T[]> {
    const now = this.now();
    const missing: string[] = [];
    const lookup = (key: string): Promise<T> | undefined => {
      const cached = this.values.get(key);
      if (cached && cached.expiresAt > now)
        return Promise.resolve(cached.value);
      return this.inFlight.get(key);
    };
    for (const key of keys) {
      if (!lookup(key) && !missing.includes(key)) missing.push(key);
    }
    if (missing.length > 0) {
      const loads = loadMissing(missing);
      for (const key of missing) {
        const load = loads.get(key);
        if (!load) throw new Error(`no load for cache key ${key}`);
        const promise = load
          .then(value => {
            this.values.set(key, { value, expiresAt: this.now() + this.ttlMs });
            return value;
          })
          .finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, promise);
      }
    }
    return Promise.all(keys.map(key => lookup(key)!));
  }

  /** Drops expired entries; called on every fan-out so the map cannot grow without bound. */
  prune(): void {
    const now = this.now();
    for (const [key, entry] of this.values) {
      if (entry.expiresAt <= now) this.values.delete(key);
    }
  }
}
