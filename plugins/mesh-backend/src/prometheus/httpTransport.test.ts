import http from 'node:http';
import { listenOnLoopback } from '@mesh-templates/plugin-mesh-common/testing';
import { createHttpTransport, PrometheusTransport } from './httpTransport';

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socketPort?: number;
}

/** A local server that records each request and answers with `handler`. */
async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body,
        socketPort: req.socket.remotePort,
      });
      handler(req, res);
    });
  });
  const { url, stop } = await listenOnLoopback(server);
  return { url, stop, seen };
}

const ok = (res: http.ServerResponse) =>
  res
    .writeHead(200, { 'Content-Type': 'application/json' })
    .end('{"status":"success"}');

/** `query=up` to `base`'s query path, through a fresh transport unless one is given. */
function askUp(
  base: string,
  options: { transport?: PrometheusTransport; signal?: AbortSignal } = {},
) {
  return (options.transport ?? createHttpTransport())({
    url: `${base}/api/v1/query`,
    headers: {},
    body: 'query=up',
    signal: options.signal ?? AbortSignal.timeout(5000),
  });
}

describe('createHttpTransport', () => {
  const signal = () => AbortSignal.timeout(5000);
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map(stop => stop()));
  });
  async function server(
    handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  ) {
    const started = await startServer(handler);
    stops.push(started.stop);
    return started;
  }

  it('POSTs the form body with the configured headers, uncompressed, over one kept-alive socket', async () => {
    const prometheus = await server((_req, res) => ok(res));
    const transport = createHttpTransport();
    for (let i = 0; i < 2; i++) {
      await expect(
        transport({
          url: `${prometheus.url}/api/v1/query`,
          headers: { Authorization: 'Bearer t', 'X-Scope-OrgID': 'tenant' },
          body: 'query=up&time=5',
          signal: signal(),
        }),
      ).resolves.toEqual({ status: 200, body: '{"status":"success"}' });
    }
    expect(prometheus.seen).toHaveLength(2);
    const [first, second] = prometheus.seen;
    expect(first).toMatchObject({
      method: 'POST',
      url: '/api/v1/query',
      body: 'query=up&time=5',
    });
    expect(first.headers).toMatchObject({
      authorization: 'Bearer t',
      'x-scope-orgid': 'tenant',
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '15',
    });
    // No Accept-Encoding: the answer comes back plain, and nobody spends CPU on gzip.
    expect(first.headers['accept-encoding']).toBeUndefined();
    expect(second.socketPort).toBe(first.socketPort);
  });

  it('returns a redirect as the answer it is and never follows it', async () => {
    const elsewhere = await server((_req, res) => ok(res));
    const prometheus = await server((_req, res) =>
      res.writeHead(307, { Location: `${elsewhere.url}/api/v1/query` }).end(),
    );
    const answer = await createHttpTransport()({
      url: `${prometheus.url}/api/v1/query`,
      headers: { Authorization: 'Bearer t' },
      body: 'query=up',
      signal: signal(),
    });
    expect(answer.status).toBe(307);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('stops reading an answer past the size limit', async () => {
    const prometheus = await server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('x'.repeat(64 * 1024));
    });
    await expect(
      askUp(prometheus.url, {
        transport: createHttpTransport({ maxAnswerBytes: 1024 }),
      }),
    ).rejects.toThrow('Prometheus answered with more than 1024 bytes');
  });

  it('gives up on an answer that stalls mid-body when the signal aborts', async () => {
    const prometheus = await server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":');
    });
    const deadline = new AbortController();
    const answer = askUp(prometheus.url, { signal: deadline.signal });
    setTimeout(() => deadline.abort(new Error('deadline')), 100);
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects with the socket error code when nothing listens, or the answer is cut off', async () => {
    const gone = await startServer((_req, res) => ok(res));
    await gone.stop();
    await expect(askUp(gone.url)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });

    const cut = await server((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"status":');
      res.socket?.destroy();
    });
    await expect(askUp(cut.url)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
