import http from 'node:http';
import net from 'node:net';

/** A test server listening on 127.0.0.1. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  port: number;
  /** Closes the server and destroys its open connections, so no client waiting on it keeps the process alive. */
  stop(): Promise<void>;
}

/**
 * Starts a test server on a port of 127.0.0.1 the OS picks. `beforeStop` runs first on `stop`, e.g. to
 * clear timers that would otherwise answer a request later.
 */
export async function listenOnLoopback(
  server: http.Server,
  beforeStop: () => void = () => {},
): Promise<LoopbackServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>(resolve => {
        beforeStop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
