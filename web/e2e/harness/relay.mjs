// A TCP relay between the browser and the server that a test can cut, to drop the dashboard's WebSocket the way a
// network failure or a proxy restart would (the browser sees its connection reset, the server a closed socket).
import { createServer, connect } from 'node:net';

/**
 * @param {number} targetPort the server's port on 127.0.0.1
 * @returns {Promise<{ port: number, cut: (blockMs?: number) => void, close: () => Promise<void> }>}
 */
export function startRelay(targetPort) {
  const sockets = new Set();
  let blockedUntil = 0;
  const server = createServer((client) => {
    if (Date.now() < blockedUntil) {
      client.destroy(); // the network is "down": refuse by resetting
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({
        port: server.address().port,
        /** Resets every open connection, and refuses new ones for blockMs. */
        cut(blockMs = 0) {
          blockedUntil = Date.now() + blockMs;
          for (const s of sockets) {
            if (s.resetAndDestroy) s.resetAndDestroy();
            else s.destroy();
          }
        },
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}
