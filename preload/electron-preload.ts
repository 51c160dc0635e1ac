/**
 * The Electron preload: installs `window.starring` (the contract's StarringBridge) and nothing
 * else. Runs sandboxed with context isolation, so it is bundled to CommonJS
 * (dist/electron/preload.cjs) — a sandboxed preload can `require('electron')` but cannot be ESM.
 *
 * Calls go out with ipcRenderer.invoke on the envelope's channels; the reply is the invoke's
 * return value. Stream messages come back on `ipcChannels.streamMessage`. ipcRenderer itself is
 * never exposed: the page gets three functions, not a way to send on arbitrary channels.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ClientMessage, ipcChannels as wireChannels } from '../common/contract/wire';
import { createBridgeClient } from './bridge-client';

// The channel names of common/contract/wire.ts, held to them by the type: any drift there is a
// compile error here. Importing the value would pull zod (wire.ts builds its schema at load)
// into every window's preload — 700 KiB parsed on each page load for four strings.
const ipcChannels: typeof wireChannels = {
  invoke: 'starring:invoke',
  subscribe: 'starring:subscribe',
  cancel: 'starring:cancel',
  streamMessage: 'starring:stream',
};

const channelFor: Record<ClientMessage['t'], string> = {
  invoke: ipcChannels.invoke,
  subscribe: ipcChannels.subscribe,
  cancel: ipcChannels.cancel,
};

const client = createBridgeClient(async (message) => {
  const result: unknown = await ipcRenderer.invoke(channelFor[message.t], message);
  client.receive({ t: 'reply', id: message.id, result });
});

ipcRenderer.on(ipcChannels.streamMessage, (_event, envelope: unknown) => {
  if (isStreamEnvelope(envelope)) client.receive(envelope);
});

function isStreamEnvelope(value: unknown): value is { t: 'stream'; sub: string; message: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { t?: unknown; sub?: unknown };
  return candidate.t === 'stream' && typeof candidate.sub === 'string';
}

contextBridge.exposeInMainWorld('starring', client.bridge);
