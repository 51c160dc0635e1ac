/**
 * Defence in depth for "not a byte leaves the building": the inference worker has no reason to
 * touch the network, so every way out (TCP/TLS sockets, DNS, http(s), fetch) throws inside it and
 * is counted. transformers.js is also configured never to go remote; this catches anything that
 * would try anyway (a future default, a dependency phoning home).
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

let attempts = 0;

/** How many network attempts were refused in this thread. */
export function blockedNetworkAttempts(): number {
  return attempts;
}

function refuse(what: string): never {
  attempts += 1;
  throw new Error(`network access is disabled in the inference worker (${what})`);
}

/** Replaces the network entry points of this thread with functions that refuse. Idempotent. */
export function installNetworkGuard(): void {
  const marker = Symbol.for('starring.networkGuard');
  const scope = globalThis as Record<symbol, unknown>;
  if (scope[marker]) return;
  scope[marker] = true;

  net.Socket.prototype.connect = function connect(): never {
    return refuse('socket connect');
  } as typeof net.Socket.prototype.connect;
  const patch = (target: object, names: string[], label: string): void => {
    for (const name of names) {
      Object.defineProperty(target, name, {
        value: () => refuse(`${label}.${name}`),
        writable: true,
        configurable: true,
      });
    }
  };
  patch(net, ['connect', 'createConnection'], 'net');
  patch(tls, ['connect'], 'tls');
  patch(http, ['request', 'get'], 'http');
  patch(https, ['request', 'get'], 'https');
  patch(dns, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'], 'dns');
  patch(dns.promises, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'], 'dns.promises');
  globalThis.fetch = (async () => refuse('fetch')) as typeof fetch;
  // ESM `import { request } from 'node:http'` bindings only see the patch after this sync.
  syncBuiltinESMExports();
}
