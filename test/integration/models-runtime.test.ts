/**
 * The local runtime for real: transformers.js in a worker thread, on the tiny packs. Streaming,
 * chat template, embeddings, token classification, cancel (graceful and hard), a model that throws
 * mid-generation, a damaged .onnx, context overflow, priorities, residency and a crashed worker.
 */
import { createHash } from 'node:crypto';
import { cp, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { packFolder } from '../../main/core/models/packs/pack-builder';
import { verifyPack } from '../../main/core/models/packs/pack-verifier';
import {
  createLocalRuntime,
  type LocalRuntime,
  type RuntimeEvent,
} from '../../main/core/models/runtime/local-runtime';
import { defaultWorkerEntry, type WorkerLauncher } from '../../main/core/models/runtime/worker-host';
import {
  createTinyPackFixture,
  type TinyPackFixture,
} from '../../main/core/models/tiny-packs/tiny-pack-fixture';
import { TINY_GPT2_CONTEXT } from '../../main/core/models/tiny-packs/tiny-packs';

let fixture: TinyPackFixture;
let runtime: LocalRuntime;
const verify = (dir: string, o: Parameters<typeof verifyPack>[1] extends infer T ? Partial<T> : never) =>
  verifyPack(dir, { allowlist: null, ...o });

beforeAll(async () => {
  fixture = await createTinyPackFixture();
  runtime = createLocalRuntime({ verify });
});
afterAll(async () => {
  await runtime.close();
  await fixture.cleanup();
});

const hi = [{ role: 'user' as const, content: 'Say hello to the ward.' }];
const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('local runtime', () => {
  it('chats through the chat template, streams tokens, and returns the audit detail (never the text)', async () => {
    const events: RuntimeEvent[] = [];
    const result = await runtime.chat(
      fixture.dir('tiny-gpt2'),
      { messages: hi, maxNewTokens: 24, temperature: 0 },
      { onEvent: (e) => events.push(e) },
    );
    const streamed = events
      .filter((e) => e.type === 'token')
      .map((e) => (e as { text: string }).text)
      .join('');
    expect(streamed).toBe(result.text);
    expect(result.text.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'verify-progress')).toBe(true);
    expect(events.some((e) => e.type === 'load-progress')).toBe(true);
    expect(events.find((e) => e.type === 'loaded')).toMatchObject({ modelId: 'tiny-gpt2' });
    expect(result.audit).toMatchObject({
      modelId: 'tiny-gpt2',
      provider: 'local',
      tokensOut: 24,
      promptHash: sha256(hi),
    });
    // The ChatML template with its default system line, one token per byte, each special token one.
    const rendered =
      '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' +
      '<|im_start|>user\nSay hello to the ward.<|im_end|>\n<|im_start|>assistant\n';
    const specials = 3 * ('<|im_start|>'.length - 1) + 2 * ('<|im_end|>'.length - 1);
    expect(result.audit.tokensIn).toBe(Buffer.byteLength(rendered) - specials);
    expect(result.audit.packHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(result.audit)).not.toContain('hello');
    expect(result.tokensPerSecond).toBeGreaterThan(0);

    const again = await runtime.chat(fixture.dir('tiny-gpt2'), {
      messages: hi,
      maxNewTokens: 24,
      temperature: 0,
    });
    expect(again.text).toBe(result.text); // greedy decoding is deterministic
  });

  it('embeds with mean pooling and normalisation', async () => {
    const texts = ['the pump valve', 'hello world', 'the pump valve'];
    const result = await runtime.embed(fixture.dir('tiny-bert'), texts);
    expect(result.dims).toBe(8);
    expect(result.vectors).toHaveLength(3);
    for (const vector of result.vectors) {
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
    expect(Array.from(result.vectors[0]!)).toEqual(Array.from(result.vectors[2]!));
    expect(Array.from(result.vectors[0]!)).not.toEqual(Array.from(result.vectors[1]!));
    expect(result.audit).toMatchObject({ modelId: 'tiny-bert', tokensIn: 5 + 4 + 5, tokensOut: 0 });
  });

  it("gives the same vectors as transformers.js's own feature-extraction pipeline", async () => {
    const { pipeline, env } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    const texts = ['Hello world, local testing!', 'secret notes', 'x'];
    const reference = await pipeline('feature-extraction', fixture.dir('tiny-bert'));
    const expected = (await reference(texts, { pooling: 'mean', normalize: true })).tolist() as number[][];
    const ours = await runtime.embed(fixture.dir('tiny-bert'), texts, { batchSize: 2 }); // two batches
    ours.vectors.forEach((vector, i) => vector.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 6)));
    await reference.dispose();
  });

  it('classifies tokens and joins word pieces into entities', async () => {
    const result = await runtime.classifyTokens(
      fixture.dir('tiny-bert-ner'),
      'Call 5551234 about patient 42 today',
    );
    expect(result.entities.map((e) => [e.label, e.text])).toEqual([
      ['ID', '5551234'],
      ['ID', '42'],
    ]);
    expect(result.entities[0]!.score).toBeGreaterThan(0.9);
  });

  it('truncates a prompt larger than the context window with a notice instead of failing', async () => {
    const notices: string[] = [];
    const result = await runtime.chat(
      fixture.dir('tiny-gpt2'),
      {
        messages: [
          { role: 'user', content: 'first question '.repeat(20) },
          { role: 'assistant', content: 'first answer' },
          { role: 'user', content: `Summarise: ${'lorem ipsum '.repeat(200)} END` },
        ],
        maxNewTokens: 16,
        temperature: 0,
      },
      { onEvent: (e) => e.type === 'notice' && notices.push(e.message) },
    );
    expect(result.truncated).toBe(true);
    expect(notices[0]).toMatch(
      new RegExp(
        `${TINY_GPT2_CONTEXT}-token window: 2 earlier message\\(s\\) were left out; 1 message\\(s\\) were shortened`,
      ),
    );
    expect(result.audit.tokensIn + result.audit.tokensOut).toBeLessThanOrEqual(TINY_GPT2_CONTEXT);
  });

  it('cancel releases the caller at once, stops the worker at the next token, and keeps the model warm', async () => {
    await runtime.preload(fixture.dir('tiny-gpt2'), 'text-generation');
    const controller = new AbortController();
    let abortedAt = 0;
    const pending = runtime.chat(
      fixture.dir('tiny-gpt2'),
      { messages: [{ role: 'user', content: 'go' }], maxNewTokens: 180, temperature: 0 },
      { signal: controller.signal },
    );
    // 180 tokens take well over 10 ms, so the abort lands mid-generation.
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 10);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - abortedAt).toBeLessThan(100);
    const next = await runtime.chat(fixture.dir('tiny-gpt2'), {
      messages: hi,
      maxNewTokens: 4,
      temperature: 0,
    });
    expect(next.audit.tokensOut).toBe(4);
    const stats = await runtime.stats();
    expect(stats.resident.map((m) => m.key)).toContain(`text-generation:${fixture.dir('tiny-gpt2')}`);
  });

  it('a model that throws mid-generation gives MODEL_UNAVAILABLE and the worker recovers', async () => {
    // The faulty decoder throws once the sequence passes FAULTY_AFTER_POSITIONS (64); the prompt is 59.
    const error = await runtime
      .chat(fixture.dir('tiny-gpt2-faulty'), {
        messages: [{ role: 'user', content: 'hi' }],
        maxNewTokens: 40,
        temperature: 0,
      })
      .catch((e: unknown) => e as AppError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'MODEL_UNAVAILABLE', details: { stage: 'run', tokensGenerated: 6 } });
    expect((error as AppError).message).toMatch(
      /^The model failed while running: .*Reshape.*\(after 6 tokens\)$/,
    );
    expect((error as AppError).message).not.toMatch(/\/tmp\//); // no file system paths
    const ok = await runtime.chat(fixture.dir('tiny-gpt2'), {
      messages: hi,
      maxNewTokens: 3,
      temperature: 0,
    });
    expect(ok.audit.tokensOut).toBe(3);
  });

  it('a truncated .onnx that still matches its manifest fails to load with a clear error', async () => {
    const dir = join(fixture.root, 'broken-bert');
    await cp(fixture.dir('tiny-bert'), dir, { recursive: true });
    const model = join(dir, 'onnx/model.onnx');
    await truncate(model, Math.floor((await readFile(model)).length / 2));
    await packFolder(dir, { id: 'broken-bert', license: 'MIT', tasks: ['feature-extraction'] }); // re-pinned: hashes pass
    const error = await runtime.embed(dir, ['x']).catch((e: unknown) => e as AppError);
    expect(error).toMatchObject({ code: 'MODEL_UNAVAILABLE', details: { stage: 'load' } });
    expect((error as AppError).message).toMatch(/^The model could not be loaded: /);
    expect((await runtime.embed(fixture.dir('tiny-bert'), ['still works'])).dims).toBe(8);
  });

  it('a pack damaged after packing is refused before load, naming the file', async () => {
    const dir = join(fixture.root, 'tampered-gpt2');
    await cp(fixture.dir('tiny-gpt2'), dir, { recursive: true });
    await writeFile(
      join(dir, 'tokenizer.json'),
      (await readFile(join(dir, 'tokenizer.json'), 'utf8')).replace('"ByteLevel"', '"Bytelevel"'),
    );
    await expect(runtime.chat(dir, { messages: hi, maxNewTokens: 2, temperature: 0 })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      details: { reason: 'integrity', file: 'tokenizer.json' },
    });
  });

  it('refuses to run a pack for a task it does not declare', async () => {
    await expect(runtime.embed(fixture.dir('tiny-gpt2'), ['x'])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('runs interactive work before queued background work', async () => {
    const order: string[] = [];
    const background = Array.from({ length: 4 }, (_, i) =>
      runtime
        .embed(fixture.dir('tiny-bert'), [`doc ${i}`], { priority: 'background' })
        .then(() => order.push(`bg${i}`)),
    );
    const chat = runtime
      .chat(
        fixture.dir('tiny-gpt2'),
        { messages: hi, maxNewTokens: 2, temperature: 0 },
        { priority: 'interactive' },
      )
      .then(() => order.push('chat'));
    await Promise.all([...background, chat]);
    expect(order.indexOf('chat')).toBeLessThanOrEqual(1); // at most the background job already running
  });
});

describe('local runtime lifecycle', () => {
  it('hard cancel (no grace) terminates the worker; the next request starts a fresh one', async () => {
    const local = createLocalRuntime({ verify, interruptGraceMs: 0 });
    try {
      await local.preload(fixture.dir('tiny-gpt2'), 'text-generation');
      const controller = new AbortController();
      const pending = local.chat(
        fixture.dir('tiny-gpt2'),
        { messages: hi, maxNewTokens: 200, temperature: 0 },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 5);
      await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
      await new Promise((r) => setTimeout(r, 20));
      expect((await local.stats()).resident).toEqual([]); // the worker and its models are gone
      const result = await local.chat(fixture.dir('tiny-gpt2'), {
        messages: hi,
        maxNewTokens: 2,
        temperature: 0,
      });
      expect(result.audit.tokensOut).toBe(2);
    } finally {
      await local.close();
    }
  });

  it('cancel during load (verification of a large pack) stops promptly', async () => {
    const dir = join(fixture.root, 'large-bert');
    await cp(fixture.dir('tiny-bert'), dir, { recursive: true });
    await writeFile(join(dir, 'onnx/model.onnx_data'), Buffer.alloc(64 << 20));
    await packFolder(dir, { id: 'large-bert', license: 'MIT', tasks: ['feature-extraction'] });
    const controller = new AbortController();
    const started = performance.now();
    const pending = runtime.embed(dir, ['x'], {
      signal: controller.signal,
      onEvent: (e) => e.type === 'verify-progress' && e.done > 4 << 20 && controller.abort(),
    });
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await runtime.embed(fixture.dir('tiny-bert'), ['after'])).dims).toBe(8);
  });

  it('evicts the least recently used model when the memory budget is reached', async () => {
    const local = createLocalRuntime({ verify, budgetBytes: 45_000 });
    try {
      await local.embed(fixture.dir('tiny-bert'), ['a']);
      await local.classifyTokens(fixture.dir('tiny-bert-ner'), 'b 1');
      await local.chat(fixture.dir('tiny-gpt2'), { messages: hi, maxNewTokens: 1, temperature: 0 });
      const stats = await local.stats();
      expect(stats.residentBytes).toBeLessThanOrEqual(45_000);
      expect(stats.resident.map((m) => m.key.split(':')[0])).toEqual([
        'token-classification',
        'text-generation',
      ]);
      expect(stats.worker?.loaded.sort()).toEqual(stats.resident.map((m) => m.key).sort());
      const small = createLocalRuntime({ verify, budgetBytes: 1_000 });
      await expect(small.embed(fixture.dir('tiny-bert'), ['a'])).rejects.toMatchObject({
        details: { reason: 'memory-budget' },
      });
      await small.close();
    } finally {
      await local.close();
    }
  });

  it('a worker that dies mid-request fails that request clearly and is replaced on the next one', async () => {
    let current: Worker | undefined;
    const launcher: WorkerLauncher = () => {
      const worker = new Worker(defaultWorkerEntry());
      current = worker;
      let listener: ((reason: string) => void) | undefined;
      worker.on('exit', (code) => listener?.(`exited with code ${code}`));
      return {
        post: (m) => worker.postMessage(m),
        onMessage: (l) => worker.on('message', l),
        onExit: (l) => (listener = l),
        terminate: async () => void (await worker.terminate()),
      };
    };
    const local = createLocalRuntime({ verify, launcher });
    try {
      await local.preload(fixture.dir('tiny-gpt2'), 'text-generation');
      const pending = local.chat(fixture.dir('tiny-gpt2'), {
        messages: hi,
        maxNewTokens: 200,
        temperature: 0,
      });
      // Killed behind the host's back while it generates (200 tokens take well over 10 ms).
      setTimeout(() => void current?.terminate(), 10);
      await expect(pending).rejects.toMatchObject({
        code: 'MODEL_UNAVAILABLE',
        details: { reason: 'worker-exit' },
      });
      const next = await local.chat(fixture.dir('tiny-gpt2'), {
        messages: hi,
        maxNewTokens: 2,
        temperature: 0,
      });
      expect(next.audit.tokensOut).toBe(2);
    } finally {
      await local.close();
    }
  });
});
