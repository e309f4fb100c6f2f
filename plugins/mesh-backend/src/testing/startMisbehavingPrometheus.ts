import http from 'node:http';
import net from 'node:net';

export type Misbehaviour = 'slow' | 'http500' | 'garbage';

export interface MisbehavingServer {
  url: string;
  /** Requests received, to prove callers gave up rather than the server finishing. */
  requests: number;
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
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    req.resume();
    if (mode === 'http500') {
      res
        .writeHead(500, { 'Content-Type': 'text/plain' })
        .end('internal error');
    } else if (mode === 'garbage') {
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end('{"hello": "not prometheus"');
    } else {
      const timer = setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          '{"status":"success","data":{"resultType":"vector","result":[]}}',
        );
      }, options.delayMs ?? 10_000);
      timers.add(timer);
    }
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    stop: () =>
      new Promise<void>(resolve => {
        timers.forEach(clearTimeout);
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}
