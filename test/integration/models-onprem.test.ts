/**
 * The on-prem provider against a real loopback server: the OpenAI-compatible handler running the
 * tiny packs through the same LocalRuntime (answers are compared with the runtime's own), plus a
 * fault server for the failures that must be handled: hang, 500, malformed SSE, a stream cut
 * before and after tokens, the circuit breaker, cancel, and TLS with the organisation's CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import {
  createOnPremProvider,
  type OnPremProviderOptions,
} from '../../main/core/models/onprem/onprem-provider';
import { createOpenAiCompatHandler } from '../../main/core/models/onprem/openai-compat.server';
import { verifyPack } from '../../main/core/models/packs/pack-verifier';
import { createLocalRuntime, type LocalRuntime } from '../../main/core/models/runtime/local-runtime';
import {
  createTinyPackFixture,
  type TinyPackFixture,
} from '../../main/core/models/tiny-packs/tiny-pack-fixture';

const TOKEN = 'org-bearer-token';
const hi = [{ role: 'user' as const, content: 'Summarise the night shift handover.' }];

let fixture: TinyPackFixture;
let runtime: LocalRuntime;
let real: http.RequestListener;
let server: http.Server;
let baseUrl: string;
/** What the fault server does with the next requests; `hits` counts them. */
let behave: http.RequestListener;
let hits = 0;
const sockets = new Set<Socket>();

async function listen(s: http.Server | https.Server): Promise<number> {
  s.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as AddressInfo).port;
}

beforeAll(async () => {
  fixture = await createTinyPackFixture(['tiny-bert', 'tiny-gpt2']);
  runtime = createLocalRuntime({ verify: (dir, o) => verifyPack(dir, { allowlist: null, ...o }) });
  // Loaded up front, so no request waits for the worker to start.
  await runtime.preload(fixture.dir('tiny-gpt2'), 'text-generation');
  await runtime.preload(fixture.dir('tiny-bert'), 'feature-extraction');
  real = createOpenAiCompatHandler({
    runtime,
    token: TOKEN,
    models: {
      'tiny-chat': { chat: fixture.dir('tiny-gpt2') },
      'tiny-embed': { embeddings: fixture.dir('tiny-bert') },
    },
  });
  server = http.createServer((req, res) => {
    hits += 1;
    behave(req, res);
  });
  baseUrl = `http://127.0.0.1:${await listen(server)}`;
});
beforeEach(() => {
  hits = 0;
  behave = real;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  await runtime.close();
  await fixture.cleanup();
});

// Generous timeouts: on a loaded CI machine a first answer can take seconds; the hang test sets its own.
const fast = { connectTimeoutMs: 10_000, idleTimeoutMs: 30_000, retry: { max: 2, baseMs: 1, maxMs: 5 } };
const provider = (extra: Partial<OnPremProviderOptions> = {}) =>
  createOnPremProvider({ baseUrl, token: TOKEN, ...fast, ...extra });

function sse(res: http.ServerResponse, events: string[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of events) res.write(`data: ${event}\n\n`);
}
const chunk = (content: string): string =>
  JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('on-prem provider against the real OpenAI-compatible server', () => {
  it('streams a chat completion that the tiny pack really generated', async () => {
    const client = provider();
    const tokens: string[] = [];
    const remote = await client.chat(
      { model: 'tiny-chat', messages: hi, maxTokens: 12, temperature: 0 },
      { onToken: (t) => tokens.push(t) },
    );
    const local = await runtime.chat(fixture.dir('tiny-gpt2'), {
      messages: hi,
      maxNewTokens: 12,
      temperature: 0,
    });
    expect(remote.text).toBe(local.text);
    expect(tokens.join('')).toBe(local.text);
    expect(remote.usageEstimated).toBe(false);
    expect(remote.audit).toMatchObject({
      provider: 'onprem',
      modelId: 'tiny-chat',
      tokensIn: local.audit.tokensIn,
      tokensOut: 12,
    });
    expect(remote.audit.promptHash).toBe(local.audit.promptHash);
    client.close();
  });

  it('gets embeddings equal to the local ones', async () => {
    const client = provider();
    const texts = ['pump check', 'hello world'];
    const remote = await client.embed({ model: 'tiny-embed', input: texts });
    const local = await runtime.embed(fixture.dir('tiny-bert'), texts);
    remote.vectors.forEach((vector, i) =>
      vector.forEach((v, j) => expect(v).toBeCloseTo(local.vectors[i]![j]!, 6)),
    );
    client.close();
  });

  it('refuses a wrong bearer token without retrying', async () => {
    const client = provider({ token: 'wrong' });
    const error = await failure(
      client.chat({ model: 'tiny-chat', messages: hi, maxTokens: 2, temperature: 0 }),
    );
    expect(error.details).toMatchObject({ reason: 'unauthorized' });
    expect(error.message).toMatch(
      /refused the app's credentials \(HTTP 401: invalid or missing bearer token\)/,
    );
    expect(hits).toBe(1);
    client.close();
  });
});

describe('on-prem provider failures', () => {
  it('times out a server that hangs, retrying with backoff, then says so', async () => {
    behave = () => undefined; // accepts, never answers
    const client = provider({ idleTimeoutMs: 150 });
    const started = performance.now();
    const error = await failure(client.chat({ model: 'm', messages: hi, maxTokens: 2, temperature: 0 }));
    expect(error.details).toMatchObject({ reason: 'timeout' });
    expect(error.message).toMatch(/stopped responding \(no data from the server for 150 ms\)/);
    expect(hits).toBe(3); // first try + 2 retries
    expect(performance.now() - started).toBeLessThan(5_000); // not the 60 s default, and no hang
    client.close();
  });

  it('retries a 500 and reports it when it persists; succeeds when the server recovers', async () => {
    behave = (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"CUDA out of memory"}}');
    };
    // A roomy breaker: this test is about retries (the breaker would open after 5 failures in a row).
    const client = provider({ breaker: { failureThreshold: 10, coolDownMs: 1_000 } });
    const error = await failure(
      client.chat({ model: 'tiny-chat', messages: hi, maxTokens: 2, temperature: 0 }),
    );
    expect(error.details).toMatchObject({ reason: 'server-error', status: 500 });
    expect(error.message).toMatch(/HTTP 500: CUDA out of memory/);
    expect(hits).toBe(3);

    hits = 0;
    behave = (req, res) => (hits < 3 ? (res.writeHead(503), res.end()) : real(req, res));
    const ok = await client.chat({ model: 'tiny-chat', messages: hi, maxTokens: 3, temperature: 0 });
    expect(ok.audit.tokensOut).toBe(3);
    expect(hits).toBe(3);
    client.close();
  });

  it('reports malformed SSE clearly and does not retry it', async () => {
    behave = (_req, res) => {
      sse(res, ['this is not json']);
      res.end();
    };
    const client = provider();
    const error = await failure(client.chat({ model: 'm', messages: hi, maxTokens: 2, temperature: 0 }));
    expect(error.details).toMatchObject({ reason: 'protocol' });
    expect(error.message).toMatch(/sent a malformed response: an event is not JSON \("this is not json"\)/);
    expect(hits).toBe(1);
    client.close();
  });

  it('a stream cut after tokens were delivered is an error, never retried', async () => {
    behave = (_req, res) => {
      sse(res, [chunk('Hel'), chunk('lo')]);
      setTimeout(() => res.destroy(), 20);
    };
    const client = provider();
    const tokens: string[] = [];
    const error = await failure(
      client.chat(
        { model: 'm', messages: hi, maxTokens: 8, temperature: 0 },
        { onToken: (t) => tokens.push(t) },
      ),
    );
    expect(tokens).toEqual(['Hel', 'lo']);
    expect(error.details).toMatchObject({ reason: 'interrupted', tokensDelivered: 2 });
    expect(error.message).toMatch(/stopped mid-answer .*the answer is incomplete/);
    expect(hits).toBe(1);
    client.close();
  });

  it('a stream cut before any token is retried', async () => {
    behave = (req, res) => {
      if (hits === 1) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': warming up\n\n');
        setTimeout(() => res.destroy(), 10);
      } else real(req, res);
    };
    const client = provider();
    const ok = await client.chat({ model: 'tiny-chat', messages: hi, maxTokens: 2, temperature: 0 });
    expect(ok.audit.tokensOut).toBe(2);
    expect(hits).toBe(2);
    client.close();
  });

  it('opens the circuit after repeated failures, fails fast, and closes after a good half-open trial', async () => {
    let now = 0;
    behave = (_req, res) => (res.writeHead(502), res.end());
    const client = provider({
      retry: { max: 0, baseMs: 1, maxMs: 1 },
      breaker: { failureThreshold: 2, coolDownMs: 10_000 },
      now: () => now,
    });
    for (let i = 0; i < 2; i += 1)
      await failure(client.chat({ model: 'tiny-chat', messages: hi, maxTokens: 1, temperature: 0 }));
    expect(client.health().state).toBe('open');
    const fastFail = await failure(
      client.chat({ model: 'tiny-chat', messages: hi, maxTokens: 1, temperature: 0 }),
    );
    expect(fastFail.details).toMatchObject({ reason: 'circuit-open' });
    expect(fastFail.message).toMatch(/is failing; the app will try it again in 10 s/);
    expect(hits).toBe(2); // the third call never reached the server
    now = 10_000;
    behave = real;
    expect(client.health().state).toBe('half-open');
    await client.chat({ model: 'tiny-chat', messages: hi, maxTokens: 1, temperature: 0 });
    expect(client.health().state).toBe('closed');
    client.close();
  });

  it('cancels mid-stream through the AbortSignal without retrying', async () => {
    behave = (_req, res) => {
      sse(res, [chunk('first')]);
      // keeps the stream open, as a slow model would
    };
    const client = provider();
    const controller = new AbortController();
    const pending = client.chat(
      { model: 'm', messages: hi, maxTokens: 8, temperature: 0 },
      { signal: controller.signal, onToken: () => controller.abort() },
    );
    const error = await failure(pending);
    expect(error.code).toBe('CANCELLED');
    expect(hits).toBe(1);
    expect(client.health().state).toBe('closed'); // a cancel says nothing about the server's health
    client.close();
  });
});

const hasOpenssl = ((): boolean => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// node:crypto cannot issue X.509 certificates; the TLS test needs the openssl CLI and is skipped without it.
describe.skipIf(!hasOpenssl)('TLS with the organisation CA (openssl)', () => {
  it('trusts the server only through the configured CA bundle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starring-ca-'));
    const run = (...args: string[]): void =>
      void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    try {
      run(
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'ca.key',
        '-out',
        'ca.pem',
        '-days',
        '2',
        '-subj',
        '/CN=Test Hospital Root CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign',
      );
      run(
        'req',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'server.key',
        '-out',
        'server.csr',
        '-subj',
        '/CN=models.local',
      );
      await writeFile(
        join(dir, 'ext.cnf'),
        'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
      );
      run(
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        'server.pem',
        '-days',
        '2',
        '-extfile',
        'ext.cnf',
      );
      const [key, cert, ca] = await Promise.all(
        ['server.key', 'server.pem', 'ca.pem'].map((f) => readFile(join(dir, f), 'utf8')),
      );
      const tlsServer = https.createServer({ key, cert }, real);
      const port = await listen(tlsServer);
      try {
        const trusted = createOnPremProvider({
          baseUrl: `https://127.0.0.1:${port}`,
          token: TOKEN,
          caPem: ca,
          ...fast,
        });
        const ok = await trusted.chat({ model: 'tiny-chat', messages: hi, maxTokens: 3, temperature: 0 });
        expect(ok.audit.tokensOut).toBe(3);
        trusted.close();

        const untrusted = createOnPremProvider({
          baseUrl: `https://127.0.0.1:${port}`,
          token: TOKEN,
          ...fast,
        });
        const error = await failure(
          untrusted.chat({ model: 'tiny-chat', messages: hi, maxTokens: 3, temperature: 0 }),
        );
        expect(error.details).toMatchObject({ reason: 'tls' });
        expect(error.message).toMatch(
          /certificate this device does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
        );
        untrusted.close();
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => tlsServer.close(resolve));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
