import { listenOnLoopback } from '@mesh-templates/plugin-mesh-common/testing';
import http from 'node:http';

/** One request as a contract server saw it; headers are left out so no token is ever recorded. */
export type RecordedRequest = { method: string; path: string; body?: unknown };

export type ContractRequest = {
  method: string;
  url: URL;
  /** Path segments, each percent-decoded (GitLab sends `group%2Frepo` as one segment). */
  segments: string[];
  headers: http.IncomingHttpHeaders;
  body: any;
};

export type ContractResponse = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON. */
  text?: string;
};

export type ContractHandler = (
  request: ContractRequest,
  baseUrl: string,
) => ContractResponse;

export interface RunningContractServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Test switch: the next request of this method whose path contains `pathPart` gets `response`. */
  failNext(method: string, pathPart: string, response: ContractResponse): void;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 on a free port. Tests close it in afterAll; `close` also
 * destroys open connections, so no client left waiting keeps the test process alive.
 */
export async function startContractHttpServer(
  handler: ContractHandler,
): Promise<RunningContractServer> {
  const requests: RecordedRequest[] = [];
  const faults: Array<{
    method: string;
    pathPart: string;
    response: ContractResponse;
  }> = [];
  let baseUrl = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      let response: ContractResponse;
      try {
        body = raw ? JSON.parse(raw) : undefined;
        const url = new URL(req.url ?? '/', baseUrl);
        const segments = url.pathname
          .split('/')
          .filter(Boolean)
          .map(decodeURIComponent);
        requests.push({
          method: req.method ?? 'GET',
          path: `${url.pathname}${url.search}`,
          ...(body === undefined ? {} : { body }),
        });
        const fault = faults.findIndex(
          f => f.method === req.method && url.pathname.includes(f.pathPart),
        );
        response =
          fault >= 0
            ? faults.splice(fault, 1)[0].response
            : handler(
                {
                  method: req.method ?? 'GET',
                  url,
                  segments,
                  headers: req.headers,
                  body,
                },
                baseUrl,
              );
      } catch (error) {
        response = {
          status: 400,
          body: {
            message: `Problems parsing JSON: ${(error as Error).message}`,
          },
        };
      }
      const headers: Record<string, string> = { ...response.headers };
      if (response.text !== undefined) {
        res.writeHead(response.status, {
          'content-type': 'text/plain; charset=utf-8',
          ...headers,
        });
        res.end(response.text);
        return;
      }
      res.writeHead(response.status, {
        'content-type': 'application/json; charset=utf-8',
        ...headers,
      });
      res.end(response.body === undefined ? '' : JSON.stringify(response.body));
    });
  });
  const loopback = await listenOnLoopback(server);
  baseUrl = loopback.url;
  return {
    baseUrl,
    requests,
    failNext: (method, pathPart, response) =>
      faults.push({ method, pathPart, response }),
    close: loopback.stop,
  };
}
