import http from 'node:http';
import net from 'node:net';

/**
 * Starts a test server on a free 127.0.0.1 port. `stop` destroys open sockets before closing, so a
 * client still waiting on a slow answer cannot keep the test process alive.
 */
export async function listenOnLoopback(
  server: http.Server,
  beforeStop: () => void = () => {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>(resolve => {
        beforeStop();
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}
