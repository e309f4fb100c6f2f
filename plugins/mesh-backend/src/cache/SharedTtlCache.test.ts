import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { pollUntil } from '@mesh-templates/plugin-mesh-common';
import knexFactory, { Knex } from 'knex';
import { DatabaseFanOutLease } from './FanOutLease';
import { SharedTtlCache } from './SharedTtlCache';

function memoryStore() {
  return CacheManager.fromConfig(new ConfigReader({})).forPlugin('mesh');
}

/** A loader answering every key with `answer(key)`, recording each call's keys. */
function recordingLoader(answer: (key: string) => Promise<string>) {
  const calls: string[][] = [];
  const load = (keys: string[]) => {
    calls.push(keys);
    return new Map(keys.map(k => [k, answer(k)]));
  };
  return { calls, load };
}

describe('SharedTtlCache', () => {
  let nowMs = 0;
  const now = () => nowMs;
  const single = () =>
    new SharedTtlCache<string>({
      store: memoryStore(),
      ttlMs: 15_000,
      leaseTtlMs: 5_000,
      now,
    });
  beforeEach(() => {
    nowMs = Date.now();
  });

  it('reuses a value until its TTL has passed, then loads again', async () => {
    const cache = single();
    const { calls, load } = recordingLoader(async () => `at ${nowMs}`);
    const first = await cache.getOrLoadMany(['k'], load);
    nowMs += 14_999;
    await expect(cache.getOrLoadMany(['k'], load)).resolves.toEqual(first);
    nowMs += 1;
    await expect(cache.getOrLoadMany(['k'], load)).resolves.toEqual([
      `at ${nowMs}`,
    ]);
    expect(calls).toHaveLength(2);
  });

  it('loads only the missing keys, in one call, and shares what is cached or in flight', async () => {
    const cache = single();
    await cache.getOrLoadMany(
      ['cached'],
      recordingLoader(async () => 'from cache').load,
    );
    let resolveInFlight!: (value: string) => void;
    const inFlight = cache.getOrLoadMany(
      ['in-flight'],
      recordingLoader(() => new Promise<string>(r => (resolveInFlight = r)))
        .load,
    );
    const { calls, load } = recordingLoader(async key => `loaded ${key}`);
    const many = cache.getOrLoadMany(['cached', 'in-flight', 'x', 'y'], load);
    // The in-flight load starts once the shared store has answered its (asynchronous) miss.
    await pollUntil(async () => resolveInFlight, {
      timeoutMs: 5_000,
      intervalMs: 1,
      description: 'the in-flight load to start',
    });
    resolveInFlight('shared');
    await expect(many).resolves.toEqual([
      'from cache',
      'shared',
      'loaded x',
      'loaded y',
    ]);
    await expect(inFlight).resolves.toEqual(['shared']);
    expect(calls).toEqual([['x', 'y']]);
  });

  it('does not keep a failed load', async () => {
    const cache = single();
    await expect(
      cache.getOrLoadMany(
        ['a'],
        recordingLoader(() => Promise.reject(new Error('boom'))).load,
      ),
    ).rejects.toThrow('boom');
    await expect(
      cache.getOrLoadMany(['a'], recordingLoader(async () => 'a').load),
    ).resolves.toEqual(['a']);
  });

  it('still answers when the lease database fails: it loads the keys itself', async () => {
    const cache = new SharedTtlCache<string>({
      store: memoryStore(),
      ttlMs: 15_000,
      lease: {
        acquire: () => Promise.reject(new Error('database down')),
        release: async () => {},
      },
      leaseTtlMs: 5_000,
      now,
    });
    const { calls, load } = recordingLoader(async key => key);
    await expect(cache.getOrLoadMany(['east'], load)).resolves.toEqual([
      'east',
    ]);
    expect(calls).toEqual([['east']]);
  });

  describe('two replicas on one store and one database', () => {
    let db: Knex;
    beforeEach(() => {
      db = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
      });
    });
    afterEach(() => db.destroy());

    async function replicas(leaseTtlMs = 5_000) {
      const store = memoryStore();
      const make = async () =>
        new SharedTtlCache<string>({
          store,
          ttlMs: 15_000,
          lease: await DatabaseFanOutLease.create(db),
          leaseTtlMs,
          pollMs: 5,
        });
      return [await make(), await make()];
    }

    it('loads keys both miss at once on one replica only; the other waits for its values', async () => {
      const [a, b] = await replicas();
      const slow = (name: string) => (key: string) =>
        new Promise<string>(r => setTimeout(() => r(`${key} by ${name}`), 50));
      const loadA = recordingLoader(slow('a'));
      const loadB = recordingLoader(slow('b'));
      const [fromA, fromB] = await Promise.all([
        a.getOrLoadMany(['east', 'west'], loadA.load),
        b.getOrLoadMany(['east', 'west'], loadB.load),
      ]);
      expect([...loadA.calls, ...loadB.calls]).toHaveLength(1);
      expect(fromA).toEqual(fromB);
      expect(a.stats.loaded + b.stats.loaded).toBe(2);
      expect(a.stats.waited + b.stats.waited).toBe(2);
    });

    it('reads what the other replica loaded from the shared store', async () => {
      const [a, b] = await replicas();
      const { calls, load } = recordingLoader(async key => key);
      await a.getOrLoadMany(['east'], load);
      await expect(b.getOrLoadMany(['east'], load)).resolves.toEqual(['east']);
      expect(calls).toHaveLength(1);
      expect(b.stats.shared).toBe(1);
    });

    it('takes over when the lease holder never delivers', async () => {
      const [a, b] = await replicas(100);
      const never = recordingLoader(() => new Promise<string>(() => {}));
      a.getOrLoadMany(['east'], never.load);
      await pollUntil(async () => never.calls[0], {
        timeoutMs: 5_000,
        intervalMs: 1,
        description: "replica a's load to start",
      });
      const { calls, load } = recordingLoader(async () => 'b');
      await expect(b.getOrLoadMany(['east'], load)).resolves.toEqual(['b']);
      expect(calls).toEqual([['east']]);
    });
  });
});
