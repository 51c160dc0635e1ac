/**
 * The models service as the router's handlers will call it: contract-shaped replies and events
 * (parsed with the contract's own schemas), routing by classification and policy across the local
 * packs, the on-prem server (a real loopback server on the same runtime) and the built-ins, PHI
 * de-identified before it leaves the device, and the audit detail of every inference.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AssistantChatEvent,
  AssistantChatRequest,
  EmbedEvent,
  VerifyEvent,
  modelsContract,
} from '../../common/contract/models.contract';
import type { ModelRoutingPolicy } from '../../common/models/model-policy';
import { createOnPremProvider } from '../../main/core/models/onprem/onprem-provider';
import { createOpenAiCompatHandler } from '../../main/core/models/onprem/openai-compat.server';
import { packHash } from '../../main/core/models/packs/pack-signature';
import { verifyPack } from '../../main/core/models/packs/pack-verifier';
import { createLocalRuntime, type LocalRuntime } from '../../main/core/models/runtime/local-runtime';
import { createModelsService, type ModelsService } from '../../main/core/models/service/models.service';
import {
  createTinyPackFixture,
  type TinyPackFixture,
} from '../../main/core/models/tiny-packs/tiny-pack-fixture';

let fixture: TinyPackFixture;
let serverRuntime: LocalRuntime;
let server: http.Server;
let service: ModelsService;
let policy: ModelRoutingPolicy;
const received: { messages: { role: string; content: string }[] }[] = [];
const signal = new AbortController().signal;

/** A stand-in for core/builtins' deidentify: numbers become [ID_n]. */
function deidentify(text: string): { text: string; map: Map<string, string> } {
  const map = new Map<string, string>();
  const out = text.replace(/\d{3,}/g, (match) => {
    const placeholder = `[ID_${map.size + 1}]`;
    map.set(placeholder, match);
    return placeholder;
  });
  return { text: out, map };
}

const openPolicy = (): ModelRoutingPolicy => ({
  allowOnPrem: true,
  deidentifyBeforeOnPrem: true,
  allowlist: null,
  requireSignedPacks: false,
});

beforeAll(async () => {
  fixture = await createTinyPackFixture(['tiny-bert', 'tiny-bert-ner', 'tiny-gpt2']);
  serverRuntime = createLocalRuntime({ verify: (dir, o) => verifyPack(dir, { allowlist: null, ...o }) });
  await serverRuntime.preload(fixture.dir('tiny-gpt2'), 'text-generation');
  const real = createOpenAiCompatHandler({
    runtime: serverRuntime,
    models: {
      'big-chat': { chat: fixture.dir('tiny-gpt2') },
      'big-embed': { embeddings: fixture.dir('tiny-bert') },
    },
  });
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Records what left the device, to prove PHI was de-identified first.
      if (req.url?.includes('chat')) received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      // Hand the already-read body to the real handler.
      const replay = Object.assign(Readable.from([Buffer.concat(chunks)]), {
        headers: req.headers,
        method: req.method,
        url: req.url,
      });
      real(replay as unknown as http.IncomingMessage, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const provider = createOnPremProvider({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    retry: { max: 0, baseMs: 1, maxMs: 1 },
  });
  service = createModelsService({
    sources: [{ dir: fixture.root, origin: 'app' }],
    policy: () => policy,
    onprem: { provider, chatModel: 'big-chat', embeddingModel: 'big-embed' },
    deidentify,
    builtins: { summarize: (text) => `Built-in summary: ${text.split('.')[0]}.` },
  });
});
beforeEach(() => {
  policy = openPolicy();
  received.length = 0;
});
afterAll(async () => {
  await service.close();
  await serverRuntime.close();
  await new Promise((resolve) => server.close(resolve));
  await fixture.cleanup();
});

async function chat(
  request: Record<string, unknown>,
): Promise<{ events: AssistantChatEvent[]; record: Awaited<ReturnType<ModelsService['chat']>> }> {
  const events: AssistantChatEvent[] = [];
  const record = await service.chat(
    AssistantChatRequest.parse(request),
    (e) => events.push(AssistantChatEvent.parse(e)),
    signal,
  );
  return { events, record };
}
const tokensOf = (events: AssistantChatEvent[]): string =>
  events.map((e) => (e.type === 'token' ? e.text : '')).join('');

describe('models service: packs', () => {
  it('lists packs with integrity, approval and size; verify streams progress and marks them verified', async () => {
    const before = modelsContract['models.packs'].reply.parse(await service.packs({ refresh: true }));
    expect(before.items.map((p) => [p.id, p.integrity, p.allowed])).toEqual([
      ['tiny-bert', 'unchecked', true],
      ['tiny-bert-ner', 'unchecked', true],
      ['tiny-gpt2', 'unchecked', true],
    ]);
    expect(before.items[2]).toMatchObject({
      tasks: ['chat', 'text-generation'],
      license: 'Apache-2.0',
      origin: 'app',
      signature: 'unsigned',
      resident: false,
    });
    expect(before.items[2]!.packHash).toBe(packHash(fixture.manifests['tiny-gpt2']!));

    const events: VerifyEvent[] = [];
    await service.verify({ id: 'tiny-gpt2' }, (e) => events.push(VerifyEvent.parse(e)), signal);
    expect(events.at(-1)).toEqual({
      type: 'result',
      ok: true,
      integrity: 'verified',
      packHash: before.items[2]!.packHash,
    });
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    expect((await service.list()).items.find((m) => m.id === 'tiny-gpt2')?.verified).toBe(true);
  });

  it('verify reports a damaged pack in the result, naming the file', async () => {
    const other = await createTinyPackFixture(['tiny-bert']);
    const local = createModelsService({
      sources: [{ dir: other.root, origin: 'user' }],
      policy: openPolicy,
      runtime: serverRuntime,
    });
    try {
      const tokenizer = join(other.dir('tiny-bert'), 'tokenizer.json');
      await writeFile(tokenizer, (await readFile(tokenizer, 'utf8')).replace('"hello"', '"hullo"'));
      const events: VerifyEvent[] = [];
      await local.verify({ id: 'tiny-bert' }, (e) => events.push(e), signal);
      expect(events.at(-1)).toMatchObject({ type: 'result', ok: false, integrity: 'failed' });
      expect((events.at(-1) as { problem: string }).problem).toMatch(
        /tokenizer\.json does not match its sha256/,
      );
      expect((await local.packs({ refresh: false })).items[0]).toMatchObject({
        integrity: 'failed',
        origin: 'user',
      });
      await expect(local.verify({ id: 'nope' }, () => undefined, signal)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    } finally {
      await local.close();
      await other.cleanup();
    }
  });

  it('shows packs the allowlist does not approve as not allowed', async () => {
    policy = {
      ...openPolicy(),
      allowlist: [{ id: 'tiny-gpt2', sha256: packHash(fixture.manifests['tiny-gpt2']!) }],
    };
    const { items } = await service.packs({ refresh: false });
    expect(items.map((p) => [p.id, p.allowed])).toEqual([
      ['tiny-bert', false],
      ['tiny-bert-ner', false],
      ['tiny-gpt2', true],
    ]);
  });

  it('runs a test prompt and returns the contract reply plus the audit detail', async () => {
    const request = modelsContract['models.testPrompt'].request.parse({ id: 'tiny-gpt2', prompt: 'Ping?' });
    const { reply, audit } = await service.testPrompt(request);
    expect(modelsContract['models.testPrompt'].reply.parse(reply)).toEqual(reply);
    expect(reply).toMatchObject({ modelId: 'tiny-gpt2', usage: { tokensOut: 32 } });
    expect(audit.promptHash).toBe(
      createHash('sha256')
        .update(JSON.stringify([{ role: 'user', content: 'Ping?' }]))
        .digest('hex'),
    );
    const pack = (await service.packs({ refresh: false })).items.find((p) => p.id === 'tiny-gpt2')!;
    expect(pack.lastUsed).toBeDefined();
    expect(pack.tokensPerSecond).toBeGreaterThan(0);
  });
});

describe('models service: assistant.chat routing', () => {
  it('public work goes to the on-prem server and streams its tokens', async () => {
    const { events, record } = await chat({
      messages: [{ role: 'user', content: 'Draft a memo.' }],
      classification: 'public',
      maxTokens: 6,
    });
    expect(events[0]).toEqual({
      type: 'route',
      provider: 'onprem',
      modelId: 'big-chat',
      deidentified: false,
    });
    expect(events.at(-1)).toMatchObject({ type: 'done', provider: 'onprem', usage: { tokensOut: 6 } });
    expect(tokensOf(events).length).toBeGreaterThan(0);
    expect(record.audit).toMatchObject({ provider: 'onprem', modelId: 'big-chat', tokensOut: 6 });
    expect(received[0]!.messages[0]!.content).toBe('Draft a memo.');
  });

  it('PHI stays on the device when a local model can do it', async () => {
    const { events, record } = await chat({
      messages: [{ role: 'user', content: 'MRN 5551234: summarise.' }],
      classification: 'phi',
      maxTokens: 4,
      documentId: 'doc-1',
    });
    expect(events[0]).toMatchObject({ type: 'route', provider: 'local', modelId: 'tiny-gpt2' });
    expect(record).toMatchObject({
      documentId: 'doc-1',
      classification: 'phi',
      deidentified: false,
      audit: { provider: 'local' },
    });
    expect(received).toHaveLength(0);
  });

  it('unknown classification is treated as PHI', async () => {
    const { events } = await chat({ messages: [{ role: 'user', content: 'Free text.' }], maxTokens: 2 });
    expect(events[0]).toMatchObject({ provider: 'local' });
  });

  it('PHI goes on-prem only de-identified when no local model is approved', async () => {
    policy = { ...openPolicy(), allowlist: [] };
    const { events, record } = await chat({
      messages: [{ role: 'user', content: 'Patient MRN 5551234 seen by Dr Who, bed 1200.' }],
      classification: 'phi',
      maxTokens: 4,
    });
    expect(events[0]).toEqual({ type: 'route', provider: 'onprem', modelId: 'big-chat', deidentified: true });
    expect(record.deidentified).toBe(true);
    expect(received[0]!.messages[0]!.content).toBe('Patient MRN [ID_1] seen by Dr Who, bed [ID_2].');
    expect(JSON.stringify(received)).not.toContain('5551234');
  });

  it('refuses PHI with the reason in words when policy forbids on-prem for PHI and no local model is approved', async () => {
    policy = { allowOnPrem: true, deidentifyBeforeOnPrem: false, allowlist: [], requireSignedPacks: false };
    await expect(
      chat({ messages: [{ role: 'user', content: 'x' }], classification: 'phi' }),
    ).rejects.toMatchObject({
      code: 'POLICY_DENIED',
      message:
        "PHI stays on this device: your organisation's policy does not allow on-prem models for PHI, and no approved local model that can chat is installed.",
    });
    expect(received).toHaveLength(0);
  });

  it('summarises with the labelled built-in when no model may serve', async () => {
    policy = { allowOnPrem: false, deidentifyBeforeOnPrem: false, allowlist: [], requireSignedPacks: false };
    const { events, record } = await chat({
      messages: [{ role: 'user', content: 'Pump 4 leaks. Replace seal.' }],
      task: 'summarize',
      classification: 'internal',
    });
    expect(events[0]).toMatchObject({ provider: 'builtin', modelId: 'builtin:summarize' });
    expect(tokensOf(events)).toBe('Built-in summary: Pump 4 leaks.');
    expect(record.audit.provider).toBe('builtin');
  });

  it('translation and summarisation become task prompts for the chat model', async () => {
    await chat({
      messages: [{ role: 'user', content: 'Bonjour.' }],
      task: 'translate',
      targetLanguage: 'English',
      classification: 'public',
      maxTokens: 2,
    });
    expect(received[0]!.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(received[0]!.messages[1]!.content).toBe('Translate the following text into English.\n\nBonjour.');
    const local = await chat({
      messages: [{ role: 'user', content: 'Long report.' }],
      task: 'summarize',
      classification: 'phi',
      maxTokens: 3,
    });
    expect(local.events.at(-1)).toMatchObject({ type: 'done', provider: 'local', usage: { tokensOut: 3 } });
  });

  it('cancel ends the stream with CANCELLED', async () => {
    const controller = new AbortController();
    const pending = service.chat(
      AssistantChatRequest.parse({
        messages: [{ role: 'user', content: 'long' }],
        classification: 'phi',
        maxTokens: 500,
      }),
      (e) => e.type === 'route' && controller.abort(),
      controller.signal,
    );
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('the contract bounds prompt sizes before any model sees them', () => {
    expect(
      AssistantChatRequest.safeParse({ messages: [{ role: 'user', content: 'x'.repeat(32_001) }] }).success,
    ).toBe(false);
    const many = Array.from({ length: 5 }, () => ({ role: 'user', content: 'y'.repeat(30_000) }));
    expect(AssistantChatRequest.safeParse({ messages: many }).error?.issues[0]?.message).toMatch(
      /longer than 120000 characters/,
    );
    expect(
      AssistantChatRequest.safeParse({ messages: [{ role: 'user', content: 'x' }], task: 'translate' })
        .success,
    ).toBe(false);
    expect(AssistantChatRequest.safeParse({ messages: [{ role: 'tool', content: 'x' }] }).success).toBe(
      false,
    );
  });
});

describe('models service: embeddings', () => {
  it('streams vectors in batches, locally for PHI', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `note ${i}`);
    const events: EmbedEvent[] = [];
    const request = modelsContract['models.embed'].request.parse({ texts, classification: 'phi' });
    const record = await service.embed(request, (e) => events.push(EmbedEvent.parse(e)), signal);
    expect(
      events
        .filter((e) => e.type === 'vectors')
        .map((e) => (e.type === 'vectors' ? [e.offset, e.vectors.length] : [])),
    ).toEqual([
      [0, 32],
      [32, 8],
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      provider: 'local',
      modelId: 'tiny-bert',
      dims: 8,
      count: 40,
    });
    expect(record.audit.promptHash).toBe(createHash('sha256').update(JSON.stringify(texts)).digest('hex'));
  });

  it('public embeddings may use the on-prem embedding model; PHI embeddings never do', async () => {
    const events: EmbedEvent[] = [];
    await service.embed(
      modelsContract['models.embed'].request.parse({ texts: ['a'], classification: 'public' }),
      (e) => events.push(e),
      signal,
    );
    expect(events.at(-1)).toMatchObject({ provider: 'onprem', modelId: 'big-embed', dims: 8 });
    policy = { ...openPolicy(), allowlist: [] };
    await expect(
      service.embed(
        modelsContract['models.embed'].request.parse({ texts: ['a'], classification: 'phi' }),
        () => undefined,
        signal,
      ),
    ).rejects.toMatchObject({
      code: 'POLICY_DENIED',
      message:
        'PHI stays on this device: PHI is indexed and checked on this device only, and no approved local model that can index text for search is installed.',
    });
  });
});
