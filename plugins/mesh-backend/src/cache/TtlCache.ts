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
    const cached = this.values.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const promise = load()
      .then(value => {
        this.values.set(key, { value, expiresAt: this.now() + this.ttlMs });
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Drops expired entries; called on every fan-out so the map cannot grow without bound. */
  prune(): void {
    const now = this.now();
    for (const [key, entry] of this.values) {
      if (entry.expiresAt <= now) this.values.delete(key);
    }
  }
}
