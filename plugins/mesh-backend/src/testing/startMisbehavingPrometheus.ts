import http from 'node:http';
import { listenOnLoopback } from '@mesh-templates/plugin-mesh-common/testing';

export type Misbehaviour = 'slow' | 'http500' | 'garbage';

export interface MisbehavingServer {
  url: string;
  /** Requests received. */
  requests: number;
  /** Requests answered so far; a caller that returns while this is below `requests` did not wait for them. */
  answered: number;
  stop(): Promise<void>;
}

/**
 * A local stand-in for a broken Prometheus: one that answers after `delayMs` (slow), with HTTP 500, or
 * with 200 and a body that is not the Prometheus API. Bound to 127.0.0.1; `stop` closes open sockets too.
 */
export async function startMisbehavingPrometheus(
  mode: Misbehaviour,
  options: { delayMs?: number } = {},
): Promise<MisbehavingServer> {
  const timers = new Set<NodeJS.Timeout>();
  const state = { requests: 0, answered: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    req.resume();
    if (mode === 'http500') {
      state.answered++;
      res
        .writeHead(500, { 'Content-Type': 'text/plain' })
        .end('internal error');
    } else if (mode === 'garbage') {
      state.answered++;
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end('{"hello": "not prometheus"');
    } else {
      const timer = setTimeout(() => {
        timers.delete(timer);
        state.answered++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          '{"status":"success","data":{"resultType":"vector","result":[]}}',
        );
      }, options.delayMs ?? 10_000);
      timers.add(timer);
    }
  });
  const { url, stop } = await listenOnLoopback(server, () =>
    timers.forEach(clearTimeout),
  );
  return {
    url,
    get requests() {
      return state.requests;
    },
    get answered() {
      return state.answered;
    },
    stop,
  };
}
