import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  let nowMs = 0;
  const now = () => nowMs;
  beforeEach(() => {
    nowMs = 1_000_000;
  });

  it('reuses a value until its TTL has passed, then loads again', async () => {
    const cache = new TtlCache<number>(15_000, now);
    const load = jest.fn().mockResolvedValueOnce(1).mockResolvedValueOnce(2);
    await expect(cache.getOrLoad('k', load)).resolves.toBe(1);
    nowMs += 14_999;
    await expect(cache.getOrLoad('k', load)).resolves.toBe(1);
    nowMs += 1;
    await expect(cache.getOrLoad('k', load)).resolves.toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one in-flight load between concurrent callers', async () => {
    const cache = new TtlCache<string>(15_000, now);
    let resolve!: (v: string) => void;
    const load = jest.fn(() => new Promise<string>(r => (resolve = r)));
    const a = cache.getOrLoad('k', load);
    const b = cache.getOrLoad('k', load);
    resolve('answer');
    await expect(Promise.all([a, b])).resolves.toEqual(['answer', 'answer']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps keys apart and does not cache a failed load', async () => {
    const cache = new TtlCache<string>(15_000, now);
    await expect(
      cache.getOrLoad('a', () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(cache.getOrLoad('a', async () => 'a')).resolves.toBe('a');
    await expect(cache.getOrLoad('b', async () => 'b')).resolves.toBe('b');
  });

  it('loads only the missing keys, in one call, and shares what is cached or in flight', async () => {
    const cache = new TtlCache<string>(15_000, now);
    await cache.getOrLoad('cached', async () => 'from cache');
    let resolveInFlight!: (value: string) => void;
    const inFlight = cache.getOrLoad(
      'in-flight',
      () => new Promise<string>(r => (resolveInFlight = r)),
    );
    const loadMissing = jest.fn(
      (missing: string[]) =>
        new Map(missing.map(key => [key, Promise.resolve(`loaded ${key}`)])),
    );
    const many = cache.getOrLoadMany(
      ['cached', 'in-flight', 'x', 'y'],
      loadMissing,
    );
    resolveInFlight('shared');
    await expect(many).resolves.toEqual([
      'from cache',
      'shared',
      'loaded x',
      'loaded y',
    ]);
    await expect(inFlight).resolves.toBe('shared');
    expect(loadMissing).toHaveBeenCalledTimes(1);
    expect(loadMissing).toHaveBeenCalledWith(['x', 'y']);
    await expect(cache.getOrLoadMany(['x', 'y'], loadMissing)).resolves.toEqual(
      ['loaded x', 'loaded y'],
    );
    expect(loadMissing).toHaveBeenCalledTimes(1);
  });
});
