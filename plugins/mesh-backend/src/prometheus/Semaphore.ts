/** Gives a held permit back; calling it again does nothing, so every exit path may call it. */
export type Release = () => void;

interface Waiter {
  grant: () => void;
  giveUp: () => void;
}

/**
 * At most `capacity` holders at once; the others wait in arrival order. A waiter gives up when its
 * signal aborts: it leaves the queue with the signal's reason and never takes a permit, so a
 * deadline bounds the wait. Lowering the capacity takes effect as holders release.
 *
 * Hand-written because none of the semaphore libraries the repository already installs is a
 * dependency here, and the ones installed (p-limit 2, async-mutex) cannot abort a single waiter.
 */
export class Semaphore {
  private holders = 0;
  private readonly queue: Waiter[] = [];

  constructor(private capacity: number) {
    Semaphore.check(capacity);
  }

  private static check(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(
        `A semaphore needs a positive whole capacity, not ${capacity}`,
      );
    }
  }

  /** Holders allowed at once. */
  get limit(): number {
    return this.capacity;
  }

  /** Permits held now. */
  get inUse(): number {
    return this.holders;
  }

  /** Callers waiting for a permit now. */
  get waiting(): number {
    return this.queue.length;
  }

  setCapacity(capacity: number): void {
    Semaphore.check(capacity);
    this.capacity = capacity;
    this.grantWaiters();
  }

  acquire(signal: AbortSignal): Promise<Release> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.queue.length === 0 && this.holders < this.capacity) {
      this.holders++;
      return Promise.resolve(this.releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal.removeEventListener('abort', waiter.giveUp);
          resolve(this.releaser());
        },
        giveUp: () => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.giveUp, { once: true });
      this.queue.push(waiter);
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      this.grantWaiters();
    };
  }

  private grantWaiters() {
    while (this.holders < this.capacity && this.queue.length > 0) {
      this.holders++;
      this.queue.shift()!.grant();
    }
  }
}
