import { createHash } from 'node:crypto';

interface Entry {
  promise: Promise<unknown>;
  controller: AbortController;
  settled: boolean;
  waiting: number;
}

/**
 * The identity of one upstream request: base URL, path, body and headers. Headers carry the auth
 * identity (token, tenant), so they are part of it — as a SHA-256 digest only: the key is compared,
 * never logged, and holds no credential in the clear.
 */
export function upstreamRequestKey(parts: {
  url: string;
  headers: Record<string, string>;
  body: string;
}): string {
  const headers = Object.entries(parts.headers)
    .map(([name, value]) => [name.toLowerCase(), value])
    .sort(([a], [b]) => a.localeCompare(b, 'en'));
  return createHash('sha256')
    .update(JSON.stringify([parts.url, parts.body, headers]))
    .digest('hex');
}

/**
 * Shares identical upstream requests within one fan-out: the first caller with a key starts the
 * request, later callers with the same key wait for the same answer (or the same failure).
 *
 * Each caller keeps its own deadline: it stops waiting when its own signal aborts, whatever the others
 * do. The shared request is aborted only when every caller waiting for it has given up, so one caller's
 * timeout never cuts another one's answer short. Keys differ per Prometheus base URL, so a slow server
 * only holds up the clusters that asked it.
 *
 * Meant to live for one fan-out (one evaluation timestamp); it is not a cache.
 */
export class RequestCoalescer {
  private readonly entries = new Map<string, Entry>();
  private issued = 0;

  /** Upstream requests actually started (for tests and diagnostics). */
  get upstreamRequests(): number {
    return this.issued;
  }

  run<T>(
    key: string,
    signal: AbortSignal,
    start: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    let entry = this.entries.get(key);
    if (!entry || entry.controller.signal.aborted) {
      const controller = new AbortController();
      const created: Entry = {
        controller,
        settled: false,
        waiting: 0,
        promise: Promise.resolve(),
      };
      this.issued++;
      created.promise = start(controller.signal);
      created.promise.then(
        () => (created.settled = true),
        () => (created.settled = true),
      );
      this.entries.set(key, created);
      entry = created;
    }
    const shared = entry;
    shared.waiting++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason);
        shared.waiting--;
        if (shared.waiting === 0 && !shared.settled) {
          shared.controller.abort(signal.reason);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      (shared.promise as Promise<T>).then(
        value => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        error => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
