/**
 * The browser harness's stand-in for the Electron preload: installs `window.starring` over a
 * loopback WebSocket before the renderer loads. The one-time token from the printed URL is spent
 * on the first connection; the server then hands this tab a resume secret for reloads.
 */
import type { StarringBridge } from '../common/contract';
import type { ClientMessage } from '../common/contract/wire';
import { createBridgeClient } from './bridge-client';

declare global {
  interface Window {
    starring: StarringBridge;
  }
}

const RESUME_KEY = 'starring.harness.resume';

function connect(): Promise<WebSocket> {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  const resume = sessionStorage.getItem(RESUME_KEY);
  const socketUrl = new URL('/bridge', url.origin.replace(/^http/, 'ws'));
  if (token) socketUrl.searchParams.set('token', token);
  else if (resume) socketUrl.searchParams.set('resume', resume);
  if (token) {
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(socketUrl);
    socket.addEventListener('open', () => resolve(socket), { once: true });
    socket.addEventListener(
      'error',
      () =>
        reject(
          new Error(
            'the harness refused the connection (token spent or missing: open the URL the harness printed)',
          ),
        ),
      { once: true },
    );
  });
}

const socket = connect();
const client = createBridgeClient(async (message: ClientMessage) => {
  const ws = await socket;
  // A closed socket swallows sends silently; fail the call at once instead of leaving it pending.
  if (ws.readyState !== WebSocket.OPEN) throw new Error("the app's core is not running");
  ws.send(JSON.stringify(message));
});

void socket.then(
  (ws) => {
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as
        | { t: 'hello'; resume: string }
        | { t: 'reply'; id: string; result: unknown }
        | { t: 'stream'; sub: string; message: unknown };
      if (message.t === 'hello') sessionStorage.setItem(RESUME_KEY, message.resume);
      else client.receive(message);
    });
    ws.addEventListener('close', () =>
      client.failAll({
        code: 'INTERNAL',
        message: "The app's core stopped. Restart it and reload this page.",
      }),
    );
  },
  () => undefined,
);

window.starring = Object.freeze(client.bridge);
