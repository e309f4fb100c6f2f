import { createHash } from 'node:crypto';
import http from 'node:http';
import { listenOnLoopback } from '@mesh-templates/plugin-mesh-common/testing';

export interface ProxiedRequest {
  path: string;
  /** The form parameters Prometheus received (query, time, start, end, step). */
  params: Record<string, string>;
  /** SHA-256 of the Authorization header (or '' without one): which identity asked, never the secret. */
  authDigest: string;
}

export interface CountingProxy {
  url: string;
  /** Every request that reached the upstream through this proxy, in arrival order. */
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

/**
 * A local HTTP proxy in front of one Prometheus that records each request it forwards, so tests can
 * count how many requests a fan-out really sent upstream. Bound to 127.0.0.1.
 */
export async function startCountingProxy(
  upstreamUrl: string,
): Promise<CountingProxy> {
  const requests: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const auth = req.headers.authorization;
      requests.push({
        path: new URL(req.url ?? '/', 'http://proxy').pathname,
        params: Object.fromEntries(new URLSearchParams(body)),
        authDigest: auth ? createHash('sha256').update(auth).digest('hex') : '',
      });
      try {
        const upstream = await fetch(`${upstreamUrl}${req.url}`, {
          method: req.method,
          headers: {
            'Content-Type':
              req.headers['content-type'] ??
              'application/x-www-form-urlencoded',
          },
          body: req.method === 'POST' ? body : undefined,
        });
        const text = await upstream.text();
        res
          .writeHead(upstream.status, {
            'Content-Type':
              upstream.headers.get('content-type') ?? 'application/json',
          })
          .end(text);
      } catch {
        res.writeHead(502).end('proxy: upstream failed');
      }
    });
  });
  const { url, stop } = await listenOnLoopback(server);
  return {
    url,
    requests,
    stop,
  };
}
