import http from 'node:http';
import https from 'node:https';
import { finished } from 'node:stream';
import { DEFAULT_MAX_BUFFERED_ANSWERS } from '../config/MeshConfig';
import { PrometheusError } from './PrometheusError';
import { Semaphore } from './Semaphore';

/** One POST to a Prometheus API path: the configured URL, the configured headers, a form body. */
export interface TransportRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  body: string;
}

/**
 * Sends one request and reads the whole answer. Rejects with the socket error (which carries `code`,
 * e.g. ECONNREFUSED) when there is no answer, with the signal's reason once it aborts, and with a
 * `PrometheusError` for an answer too large to be a health answer.
 */
export type PrometheusTransport = (
  request: TransportRequest,
) => Promise<TransportResponse>;

/**
 * The health queries' answers are kilobytes (tens of kilobytes for a shared Prometheus holding many
 * clusters); an answer past this is not one of them, and is not read into memory.
 */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/**
 * How many answers the whole process reads into memory at once, whichever request or fan-out asked
 * for them: `mesh.maxBufferedAnswers`, set by the plugin at startup. With
 * each answer capped at `MAX_ANSWER_BYTES`, this bounds the memory answers take under any load.
 */
export const bufferedAnswerLimit = new Semaphore(DEFAULT_MAX_BUFFERED_ANSWERS);

/**
 * Reads one answer's body, at most `maxAnswerBytes` of it, and calls `done` exactly once: with the
 * body, with a `PrometheusError` past the limit, or with the stream's error once the answer is cut
 * off or destroyed (even before this was called), so the caller's permit is always given back.
 */
function readAnswer(
  response: http.IncomingMessage,
  maxAnswerBytes: number,
  done: (error: Error | undefined, body?: string) => void,
) {
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (error: Error | undefined, body?: string) => {
    if (settled) return;
    settled = true;
    done(error, body);
  };
  response.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > maxAnswerBytes) {
      settle(
        new PrometheusError(
          `Prometheus answered with more than ${maxAnswerBytes} bytes`,
        ),
      );
      return;
    }
    chunks.push(chunk);
  });
  response.on('end', () =>
    settle(undefined, Buffer.concat(chunks).toString('utf8')),
  );
  finished(response, error =>
    settle(error ?? new Error('The answer ended before its body')),
  );
}

/**
 * Idle keep-alive sockets are closed after this, before common idle limits of servers and proxies in
 * front of Prometheus (5 s and up), so a request is never written into a socket the far end is closing.
 */
const IDLE_SOCKET_MS = 4000;

/**
 * Node's own HTTP client, with keep-alive, and without compression or redirects.
 *
 * Why not `fetch`: a cold fan-out to many Prometheus servers is one or two requests per cluster, and
 * `fetch` spent about four times the event-loop CPU per request that this transport does (measured
 * on the fixture, see BENCHMARKS.md); half of fetch's cost was gzip, which both ends pay for answers
 * of a few kilobytes. Redirects are never followed: the configured URL is the only address we talk
 * to, so a 3xx is reported as the answer it is.
 */
export function createHttpTransport(
  options: { maxAnswerBytes?: number; answerLimit?: Semaphore } = {},
): PrometheusTransport {
  const maxAnswerBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  const answerLimit = options.answerLimit ?? bufferedAnswerLimit;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };
  return ({ url, headers, body, signal }) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      const request = client.request(
        target,
        {
          method: 'POST',
          agent: agents[target.protocol as keyof typeof agents],
          signal,
          headers: {
            ...headers,
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        response => {
          // Until a permit is free the answer waits in the socket, unread: Node stops reading a
          // paused response after its first chunks, so a waiting answer holds kilobytes, not its body.
          // The permit is given back as `resolve` hands the body on; the client parses it in the same
          // turn, before any I/O can deliver another answer's bytes.
          // A connection lost while the answer waits or is read: the request's own error (or the
          // signal's reason) follows.
          response.on('error', reject);
          answerLimit.acquire(signal).then(
            release =>
              readAnswer(response, maxAnswerBytes, (error, answer) => {
                release();
                if (error) {
                  // Settled first, so the socket errors the destroy causes change nothing.
                  reject(error);
                  request.destroy();
                } else {
                  resolve({ status: response.statusCode ?? 0, body: answer! });
                }
              }),
            reason => {
              reject(reason);
              request.destroy();
            },
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

/** One transport (one pool of sockets) for every collector in the process, as `fetch` shares its own. */
export const defaultTransport: PrometheusTransport = createHttpTransport();
