import { createHash } from 'node:crypto';

interface Entry {
  promise: Promise<unknown>;
  controller: AbortController;
  settled: boolean;
  waiting: number;
}

const headerDigests = new WeakMap<Record<string, string>, string>();

/**
 * SHA-256 of the headers (names lower-cased, sorted): the auth identity (token, tenant) as a digest,
 * so it can be compared without being kept in the clear. Memoized per configured headers object.
 */
export function headersDigest(headers: Record<string, string>): string {
  let digest = headerDigests.get(headers);
  if (digest === undefined) {
    const canonical = Object.entries(headers)
      .map(([name, value]) => [name.toLowerCase(), value])
      .sort(([a], [b]) => a.localeCompare(b, 'en'));
    digest = createHash('sha256')
      .update(JSON.stringify(canonical))
      .digest('hex');
    headerDigests.set(headers, digest);
  }
  return digest;
}

/**
 * The identity of one upstream request: auth identity (headers, as a digest), base URL and path, and
 * the form body (query and parameters). Compared, never logged; it holds no credential in the clear.
 */
export function upstreamRequestKey(parts: {
  url: string;
  headers: Record<string, string>;
  body: string;
}): string {
  return `${headersDigest(parts.headers)} ${parts.url}\n${parts.body}`;
}

/** The form body of a Prometheus API request: `query=<promql>` and the other parameters, encoded. */
export function formBody(
  promql: string,
  params: Record<string, string>,
): string {
  return new URLSearchParams({ query: promql, ...params }).toString();
}

/** One upstream request, ready to send: its form body and its identity. */
export interface UpstreamRequest {
  body: string;
  key: string;
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
  private readonly requests = new Map<string, Map<string, UpstreamRequest>>();
  private issued = 0;

  /**
   * `formBody` and `upstreamRequestKey`, once per distinct request in this fan-out: its clusters ask
   * the same few queries, each kilobytes of PromQL, and encoding them again per cluster was most of a
   * fan-out's own CPU time.
   */
  request(parts: {
    url: string;
    headers: Record<string, string>;
    promql: string;
    params: Record<string, string>;
  }): UpstreamRequest {
    const target = JSON.stringify([
      parts.url,
      headersDigest(parts.headers),
      parts.params,
    ]);
    let byQuery = this.requests.get(target);
    if (!byQuery) {
      byQuery = new Map();
      this.requests.set(target, byQuery);
    }
    let request = byQuery.get(parts.promql);
    if (!request) {
      const body = formBody(parts.promql, parts.params);
      request = {
        body,
        key: upstreamRequestKey({
          url: parts.url,
          headers: parts.headers,
          body,
        }),
      };
      byQuery.set(parts.promql, request);
    }
    return request;
  }

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
