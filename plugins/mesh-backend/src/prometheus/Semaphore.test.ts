import { Release, Semaphore } from './Semaphore';

const live = () => new AbortController().signal;

/** Records the order in which acquirers got their permit. */
function acquireAll(semaphore: Semaphore, names: string[], signal = live()) {
  const granted: string[] = [];
  const releases: Record<string, Release> = {};
  const settled = names.map(name =>
    semaphore.acquire(signal).then(release => {
      granted.push(name);
      releases[name] = release;
    }),
  );
  return { granted, releases, settled };
}

/** Lets every promise continuation that is already due run. */
const settle = () => new Promise(resolve => setImmediate(resolve));

describe('Semaphore', () => {
  it('grants up to its capacity and queues the rest in arrival order', async () => {
    // GIVEN a capacity of 2 and 4 acquirers
    const semaphore = new Semaphore(2);
    const { granted, releases } = acquireAll(semaphore, ['a', 'b', 'c', 'd']);
    await settle();

    // THEN 2 hold a permit and 2 wait
    expect(granted).toEqual(['a', 'b']);
    expect([semaphore.inUse, semaphore.waiting]).toEqual([2, 2]);

    // WHEN one releases, twice
    releases.b();
    releases.b();
    await settle();

    // THEN exactly the first waiter gets its permit
    expect(granted).toEqual(['a', 'b', 'c']);
    expect([semaphore.inUse, semaphore.waiting]).toEqual([2, 1]);

    releases.a();
    releases.c();
    await settle();
    releases.d();
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
    expect([semaphore.inUse, semaphore.waiting]).toEqual([0, 0]);
  });

  it('lets a waiter give up when its signal aborts, without ever taking a permit', async () => {
    // GIVEN one holder and two waiters, the first with a deadline
    const semaphore = new Semaphore(1);
    const holder = await semaphore.acquire(live());
    const deadline = new AbortController();
    const gaveUp = semaphore.acquire(deadline.signal);
    const { granted } = acquireAll(semaphore, ['patient']);

    // WHEN the deadline passes
    const reason = new Error('deadline');
    deadline.abort(reason);

    // THEN that waiter fails with the signal's reason and leaves the queue
    await expect(gaveUp).rejects.toBe(reason);
    expect([semaphore.inUse, semaphore.waiting]).toEqual([1, 1]);
    // AND the next permit goes to the waiter that stayed
    holder();
    await settle();
    expect(granted).toEqual(['patient']);
    expect(semaphore.inUse).toBe(1);
  });

  it('refuses at once a caller whose signal has already aborted', async () => {
    const semaphore = new Semaphore(1);
    const reason = new Error('too late');
    await expect(semaphore.acquire(AbortSignal.abort(reason))).rejects.toBe(
      reason,
    );
    expect([semaphore.inUse, semaphore.waiting]).toEqual([0, 0]);
  });

  it('grants waiters when its capacity grows, and shrinks as holders release', async () => {
    const semaphore = new Semaphore(1);
    const { granted, releases } = acquireAll(semaphore, ['a', 'b', 'c']);
    await settle();
    expect(granted).toEqual(['a']);

    semaphore.setCapacity(3);
    await settle();
    expect(granted).toEqual(['a', 'b', 'c']);

    semaphore.setCapacity(1);
    const late = acquireAll(semaphore, ['d']);
    releases.a();
    releases.b();
    await settle();
    expect(late.granted).toEqual([]);
    releases.c();
    await settle();
    expect(late.granted).toEqual(['d']);
    expect(semaphore.limit).toBe(1);
  });

  it.each([0, -1, 1.5, NaN])('refuses a capacity of %p', capacity => {
    expect(() => new Semaphore(capacity)).toThrow(RangeError);
    expect(() => new Semaphore(1).setCapacity(capacity)).toThrow(RangeError);
  });
});
