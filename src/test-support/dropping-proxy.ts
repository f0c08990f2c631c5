// An HTTP proxy in front of a registry that breaks one upload on purpose: the n-th PATCH has its
// connection dropped halfway through its body, either before any of it reaches the registry
// (`hold`: the registry still stands where the previous chunk ended) or after half of it was
// passed on (`pass`: distribution 2.8 then keeps a partial chunk and discards the session when
// asked about it). Everything else is passed through untouched, Host header included, so the
// registry's Locations point back at the proxy. It counts the body bytes of the PATCHes it
// passed on, so a test can tell a resumed upload from one started over. Its download twin breaks
// the first blob GET response of at least some size halfway through its body instead, and records
// the Range of every blob GET and the body bytes it passed on, so a test can tell a resumed
// download too.

import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';

export interface DroppingProxy {
  host: string;
  /** Body bytes of blob PATCHes that reached the registry. */
  patchBytes(): number;
  /** PATCH requests whose connection was dropped. */
  dropped(): number;
  stop(): Promise<void>;
}

export async function startDroppingProxy(upstreamPort: number, drop: { nth: number; mode: 'hold' | 'pass' }): Promise<DroppingProxy> {
  let patches = 0;
  let passed = 0;
  let dropped = 0;
  const server = createServer((req, res) => {
    const isPatch = req.method === 'PATCH' && req.url?.includes('/blobs/uploads/');
    const dropThis = isPatch && ++patches === drop.nth;
    const length = Number(req.headers['content-length'] ?? 0);
    const upstream = forward({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      // No keep-alive: Chromium silently sends a request again when a reused connection drops,
      // which would hide the drop from the page.
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    if (!dropThis) {
      if (isPatch) req.on('data', (chunk: Buffer) => (passed += chunk.length));
      req.pipe(upstream);
      return;
    }
    let seen = 0;
    const cut = () => {
      dropped++;
      req.unpipe(upstream);
      upstream.destroy();
      req.socket.destroy();
    };
    onHalf(req, length, (chunk) => {
      seen += chunk.length;
      if (drop.mode === 'pass') {
        passed += chunk.length;
        upstream.write(chunk);
      }
    }, cut, () => seen);
  });
  return { ...(await listening(server)), patchBytes: () => passed, dropped: () => dropped };
}

/** Feeds `take` with the body until half of `length` has been seen, then calls `cut` once. */
function onHalf(req: IncomingMessage, length: number, take: (chunk: Buffer) => void, cut: () => void, seen: () => number): void {
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    const room = Math.max(0, Math.floor(length / 2) - seen());
    take(chunk.subarray(0, Math.min(room, chunk.length)));
    if (seen() >= Math.floor(length / 2)) {
      done = true;
      cut();
    }
  });
}

export interface DroppingDownloadProxy {
  host: string;
  /** The Range header of each blob GET, in order ('' for none). */
  ranges(): string[];
  /** Body bytes of blob GET responses that reached the client. */
  bodyBytes(): number;
  stop(): Promise<void>;
}

export async function startDownloadDroppingProxy(upstreamPort: number, drop: { atLeast: number }): Promise<DroppingDownloadProxy> {
  let dropped = false;
  let passed = 0;
  const ranges: string[] = [];
  const server = createServer((req, res) => {
    const isBlobGet = req.method === 'GET' && /\/blobs\/sha256:/.test(req.url ?? '');
    if (isBlobGet) ranges.push(String(req.headers.range ?? ''));
    const upstream = forward({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
      const length = Number(answer.headers['content-length'] ?? 0);
      const dropThis = isBlobGet && !dropped && length >= drop.atLeast;
      if (dropThis) dropped = true;
      let sent = 0;
      const half = Math.floor(length / 2);
      answer.on('data', (chunk: Buffer) => {
        if (dropThis && sent >= half) return;
        const take = dropThis ? chunk.subarray(0, half - sent) : chunk;
        sent += take.length;
        if (isBlobGet) passed += take.length;
        // The cut comes once the half is on the wire, so the client has the head and part of the body.
        res.write(take, () => dropThis && sent >= half && setTimeout(() => res.socket?.destroy(), 50));
        if (dropThis && sent >= half) answer.destroy();
      });
      answer.on('end', () => res.end());
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return { ...(await listening(server)), ranges: () => [...ranges], bodyBytes: () => passed };
}

/** `server` listening on a free port of 127.0.0.1: its host, and how to stop it. */
async function listening(server: Server): Promise<{ host: string; stop(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
