// A TCP proxy that behaves like a slow mobile link, so that everything the browser sends and receives is slowed,
// the service worker's requests included (Chromium's own network throttling does not apply to service workers).
// One shared link per direction: each segment waits for the link to be free, takes size / rate to pass, then
// half the round trip to arrive. A new connection pays one round trip (the TCP handshake) before its first byte.
import net from 'node:net';

const SEGMENT = 1460;

/** Delivers a connection's chunks in order at their arrival times, with one timer at a time. */
class DelayedPipe {
  constructor(socket) {
    this.socket = socket;
    this.queue = [];
    this.timer = null;
  }

  push(at, chunk) {
    this.queue.push({ at, chunk });
    if (!this.timer) this.arm();
  }

  arm() {
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, head.at - performance.now()));
  }

  flush() {
    this.timer = null;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0].at <= now + 1) {
      const { chunk } = this.queue.shift();
      if (this.socket.destroyed) continue;
      if (chunk === null) this.socket.end();
      else this.socket.write(chunk);
    }
    this.arm();
  }
}

/**
 * Listens on `port` and forwards to `targetPort` on loopback at `kbps` kilobits per second each way with `rttMs`
 * round trips. Returns counters of bytes each way, the time of the last byte seen, and close().
 */
export function startThrottleProxy({ port, targetPort, kbps = 500, rttMs = 400, host = '127.0.0.1' }) {
  const bytesPerMs = (kbps * 1000) / 8 / 1000;
  const links = { up: { freeAt: 0, bytes: 0 }, down: { freeAt: 0, bytes: 0 } };
  const stats = { connections: 0, lastActivity: performance.now() };
  const sockets = new Set();

  /** Schedules `chunk` (or null: end of stream) on `link`, not before `notBefore`, into `pipe`. */
  function send(link, pipe, chunk, notBefore) {
    stats.lastActivity = performance.now();
    if (chunk === null) {
      pipe.push(Math.max(performance.now(), link.freeAt, notBefore) + rttMs / 2, null);
      return;
    }
    link.bytes += chunk.length;
    for (let offset = 0; offset < chunk.length; offset += SEGMENT) {
      const segment = chunk.subarray(offset, offset + SEGMENT);
      const start = Math.max(performance.now(), link.freeAt, notBefore);
      link.freeAt = start + segment.length / bytesPerMs;
      pipe.push(link.freeAt + rttMs / 2, segment);
    }
  }

  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    stats.connections += 1;
    const established = performance.now() + rttMs;
    const upstream = net.connect({ port: targetPort, host, allowHalfOpen: true });
    sockets.add(client).add(upstream);
    const toServer = new DelayedPipe(upstream);
    const toClient = new DelayedPipe(client);
    client.on('data', (chunk) => send(links.up, toServer, chunk, established));
    upstream.on('data', (chunk) => send(links.down, toClient, chunk, 0));
    client.on('end', () => send(links.up, toServer, null, established));
    upstream.on('end', () => send(links.down, toClient, null, 0));
    // The browser going away ends the upstream at once; the server closing ends the browser's side only after
    // what is still on the link has arrived.
    const forget = () => {
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client
      .on('error', () => upstream.destroy())
      .on('close', () => {
        upstream.destroy();
        forget();
      });
    upstream
      .on('error', () => undefined)
      .on('close', () => {
        if (!upstream.readableEnded) send(links.down, toClient, null, 0);
      });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve({
        links,
        stats,
        /** Total bytes both ways, and each way. */
        bytes: () => ({ down: links.down.bytes, up: links.up.bytes, total: links.down.bytes + links.up.bytes }),
        /** Resolves once nothing has crossed the link for `ms` (or after `maxMs`). */
        async quiet(ms, maxMs = 120_000) {
          const started = performance.now();
          for (;;) {
            const idle = performance.now() - Math.max(stats.lastActivity, links.down.freeAt, links.up.freeAt);
            if (idle >= ms || performance.now() - started > maxMs) return;
            await new Promise((r) => setTimeout(r, 100));
          }
        },
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
