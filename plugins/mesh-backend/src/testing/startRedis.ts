import net from 'node:net';
import { freePort } from '@mesh-templates/plugin-mesh-common/testing';
import { ownTempDir, spawnOwned, waitUntilReady } from './ownedProcess';

export interface RedisServer {
  /** `redis://127.0.0.1:<port>`, the form `backend.cache.connection` takes. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** True when the server answers PING with PONG. */
function answersPing(port: number): () => Promise<boolean> {
  return () =>
    new Promise(resolve => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', data => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
}

/** Debian's redis-server on 127.0.0.1, nothing persisted: the shared cache of backend replicas. */
export async function startRedis(
  options: { binary?: string; maxLifetimeSec?: number } = {},
): Promise<RedisServer> {
  const dir = ownTempDir('mesh-redis');
  const port = await freePort();
  const server = spawnOwned(
    options.binary ?? '/usr/bin/redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { dir, maxLifetimeSec: options.maxLifetimeSec },
  );
  await waitUntilReady(server, 'redis-server', answersPing(port));
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: server.pid,
    stop: server.stop,
  };
}
