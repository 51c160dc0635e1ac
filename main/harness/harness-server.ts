import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../../common/csp';
import { ClientMessage, MAX_MESSAGE_BYTES, type ServerMessage } from '../../common/contract/wire';
import type { Core } from '../core/core';
import type { CallContext } from '../core/router/call-context';

export interface HarnessOptions {
  core: Core;
  /** The built renderer (vite build output) and the built harness preload script. */
  rendererDir: string;
  preloadScript: string;
  port: number;
  actor?: string;
}

export interface Harness {
  url: string;
  port: number;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the unchanged renderer to a browser and carries the contract over a loopback WebSocket.
 * The socket is the harness's preload: it accepts a connection only from our own origin and only
 * with the one-time token printed at start (after which a per-tab resume secret takes over, so a
 * reload keeps working while a second tab or another local program cannot attach).
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  let oneTimeToken: Buffer | null = randomBytes(24);
  const printedToken = oneTimeToken.toString('base64url');
  const resumeSecrets = new Set<string>();
  let origin = '';
  let originSeq = 0;

  const server: Server = createServer((req, res) => {
    void serveStatic(req, res).catch(() => {
      res.writeHead(500).end();
    });
  });

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(403).end();
      return;
    }
    const path = new URL(req.url ?? '/', origin).pathname;
    const security = {
      'Content-Security-Policy': contentSecurityPolicy({ connectSrc: [origin.replace('http:', 'ws:')] }),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (path === '/harness-preload.js') {
      res.writeHead(200, { ...security, 'Content-Type': contentTypes['.js'] });
      res.end(await readFile(options.preloadScript));
      return;
    }
    const relative = normalize(path === '/' ? 'index.html' : decodeURIComponent(path.slice(1)));
    const file = join(options.rendererDir, relative);
    if (relative.startsWith('..') || !file.startsWith(options.rendererDir + sep)) {
      res.writeHead(404, security).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, security).end();
      return;
    }
    if (relative === 'index.html') {
      // The one change to the renderer's page: the bridge script runs before the app's own.
      body = Buffer.from(
        body.toString('utf8').replace('<head>', '<head>\n    <script src="/harness-preload.js"></script>'),
      );
    }
    res.writeHead(200, {
      ...security,
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function hostAllowed(req: IncomingMessage): boolean {
    // Rejects DNS-rebinding: a page on another name that resolves to 127.0.0.1.
    return req.headers.host === new URL(origin).host;
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const credential = url.searchParams.get('token') ?? '';
    const resume = url.searchParams.get('resume') ?? '';
    const sameOrigin = req.headers.origin === origin && hostAllowed(req);
    const tokenOk = oneTimeToken !== null && safeEqual(Buffer.from(credential), Buffer.from(printedToken));
    const resumeOk = resume.length > 0 && resumeSecrets.has(resume);
    if (url.pathname !== '/bridge' || !sameOrigin || !(tokenOk || resumeOk)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    if (tokenOk) oneTimeToken = null;
    wss.handleUpgrade(req, socket, head, (ws) => {
      let secret = resume;
      if (!resumeOk) {
        secret = randomBytes(24).toString('base64url');
        resumeSecrets.add(secret);
      }
      attach(ws, secret);
    });
  });

  function attach(ws: WebSocket, resumeSecret: string): void {
    originSeq += 1;
    const context: CallContext = {
      transport: 'browser-harness',
      actor: options.actor ?? 'local-user',
      origin: `harness-${originSeq}`,
    };
    const send = (message: ServerMessage | { t: 'hello'; resume: string }): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    send({ t: 'hello', resume: resumeSecret });
    ws.on('message', (data, isBinary) => {
      void handle(data.toString(), isBinary);
    });
    ws.on('close', () => options.core.router.closeOrigin(context.origin));
    // Oversized or invalid frames: `ws` closes the socket (1009/1002); nothing to add but not crashing.
    ws.on('error', () => ws.terminate());

    async function handle(text: string, isBinary: boolean): Promise<void> {
      let raw: unknown;
      try {
        if (isBinary) throw new Error('binary');
        raw = JSON.parse(text);
      } catch {
        ws.close(1003, 'Messages must be JSON text');
        return;
      }
      const parsed = ClientMessage.safeParse(raw);
      if (!parsed.success) {
        ws.close(1008, 'Malformed bridge message');
        return;
      }
      const message = parsed.data;
      const { router } = options.core;
      switch (message.t) {
        case 'invoke':
          send({
            t: 'reply',
            id: message.id,
            result: await router.invoke(context, message.channel, message.request),
          });
          break;
        case 'subscribe': {
          let subId = '';
          const pending: unknown[] = [];
          const result = await router.subscribe(context, message.stream, message.request, (streamMessage) => {
            if (subId) send({ t: 'stream', sub: subId, message: streamMessage });
            else pending.push(streamMessage);
          });
          send({ t: 'reply', id: message.id, result });
          if (result.ok) {
            subId = result.value.id;
            for (const queued of pending) send({ t: 'stream', sub: subId, message: queued });
          }
          break;
        }
        case 'cancel':
          router.cancel(context, message.subscription);
          send({ t: 'reply', id: message.id, result: { ok: true, value: null } });
          break;
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${printedToken}`,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
