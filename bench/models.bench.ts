/**
 * Local model runtime benchmarks, run by bench/run.ts (`npx tsx bench/run.ts models`) or directly
 * (`npx tsx bench/models.bench.ts`). Uses the tiny packs in models/generated (written first if
 * absent), so the figures measure OUR runtime's overheads — worker hop, queue, verification
 * bookkeeping, transformers.js — not a real model's arithmetic. Real-model figures need real packs.
 *
 * models.ttft_ms — median of 15 warm chats (model resident) of the time from the start of the
 *   worker's generate step (chat template, context fitting, tokenization, prefill) to the first new
 *   token, as measured in the worker (tiny-gpt2, ~60-token prompt).
 * models.tokens_per_s — median decode speed over the same chats (128 new tokens each, greedy),
 *   excluding the first token: (tokens − 1) / (generation time − TTFT).
 * models.embeddings_per_s — 512 short sentences embedded through the runtime as one request that
 *   the worker runs in batches of 32 (mean pooling + normalisation), streaming each batch back;
 *   sentences per second of wall time, median of 15 passes.
 * models.overhead_ratio_vs_ort — like for like: the same 512 sentences, same batches of 32, through
 *   (a) our runtime: one request main thread → queue → worker (postMessage), where each batch goes
 *   through the transformers.js tokenizer + model + mean pooling + normalise and its vectors come
 *   back as a transferred Float32Array, collected on the main thread, and (b) a bare onnxruntime-node
 *   InferenceSession on the same model.onnx in this process, with the same tokenizer, the same
 *   tensors and hand-written mean pooling + normalisation. Passes run in adjacent pairs (a, b);
 *   the figure is the median of the 15 per-pair ratios a/b, so background load on a shared machine
 *   hits both sides of each pair alike. Both paths return the same vectors (checked, logged).
 * models.worker_rss_mb — growth of this process's RSS (worker threads share the process) from
 *   before the runtime starts to after the worker has loaded all three tiny packs, in MiB: the cost
 *   of the worker, ONNX Runtime and transformers.js themselves.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../main/core/app/app-version';
import { verifyPack } from '../main/core/models/packs/pack-verifier';
import { createLocalRuntime } from '../main/core/models/runtime/local-runtime';
import { DEFAULT_TINY_PACKS, writeTinyPacks } from '../main/core/models/tiny-packs/tiny-packs';

const PACKS = join(repoRoot, 'models', 'generated');
const SENTENCES = Array.from(
  { length: 512 },
  (_, i) => `check pump ${i} valve pressure and report the dose note ${i % 7}`,
);
const BATCH = 32;
const PASSES = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs two paths in adjacent pairs (after a warm-up pass each) and returns the median pass time of
 * each and the median of the per-pair ratios. Pairing matters on a shared machine: the two passes
 * of a pair see the same background load, so load drifts cancel out of the ratio.
 */
async function paired(
  passes: number,
  ours: () => Promise<void>,
  theirs: () => Promise<void>,
): Promise<{ ours: number; theirs: number; ratio: number }> {
  await ours();
  await theirs();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < passes; i += 1) {
    for (const [path, times] of [
      [ours, a],
      [theirs, b],
    ] as const) {
      const started = performance.now();
      await path();
      times.push(performance.now() - started);
    }
  }
  return { ours: median(a), theirs: median(b), ratio: median(a.map((t, i) => t / b[i]!)) };
}

/** The bare-ORT baseline: same tokenizer, same graph, same pooling, no worker, no transformers.js model. */
async function bareOrt(dir: string): Promise<(batch: string[]) => Promise<Float32Array>> {
  const ort = await import('onnxruntime-node');
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.localModelPath = `${join(dir, '..')}/`;
  const tokenizer = await AutoTokenizer.from_pretrained(dir);
  const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model.onnx'));
  return async (batch) => {
    const encoded = tokenizer(batch, { padding: true, truncation: true }) as unknown as Record<
      string,
      { data: BigInt64Array; dims: number[] }
    >;
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
    for (const name of session.inputNames)
      feeds[name] = new ort.Tensor('int64', encoded[name]!.data, encoded[name]!.dims);
    const hidden = (await session.run(feeds)).last_hidden_state!;
    const [rows, tokens, dims] = hidden.dims as [number, number, number];
    const data = hidden.data as Float32Array;
    const mask = encoded.attention_mask!.data;
    const out = new Float32Array(rows * dims);
    for (let r = 0; r < rows; r += 1) {
      let count = 0;
      for (let t = 0; t < tokens; t += 1) {
        if (!mask[r * tokens + t]) continue;
        count += 1;
        for (let d = 0; d < dims; d += 1) out[r * dims + d]! += data[(r * tokens + t) * dims + d]!;
      }
      let norm = 0;
      for (let d = 0; d < dims; d += 1) norm += (out[r * dims + d]! /= Math.max(count, 1)) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d += 1) out[r * dims + d]! /= norm;
    }
    return out;
  };
}

export default async function run(log: (m: string) => void): Promise<Record<string, number>> {
  if (!DEFAULT_TINY_PACKS.every((name) => existsSync(join(PACKS, name, 'starring-model.json')))) {
    log('tiny packs absent: writing them to models/generated');
    await writeTinyPacks(PACKS);
  }
  const gpt2 = join(PACKS, 'tiny-gpt2');
  const bert = join(PACKS, 'tiny-bert');

  const rssBefore = process.memoryUsage().rss;
  const runtime = createLocalRuntime({ verify: (dir, o) => verifyPack(dir, { allowlist: null, ...o }) });
  try {
    await runtime.preload(gpt2, 'text-generation');
    await runtime.preload(bert, 'feature-extraction');
    await runtime.preload(join(PACKS, 'tiny-bert-ner'), 'token-classification');
    const stats = await runtime.stats();
    const workerRssMb = ((stats.worker?.rssBytes ?? 0) - rssBefore) / 2 ** 20;
    log(`worker + ORT + transformers.js + 3 tiny models: +${workerRssMb.toFixed(1)} MiB RSS`);

    const ttft: number[] = [];
    const speed: number[] = [];
    const messages = [{ role: 'user' as const, content: 'Write the maintenance summary.' }];
    for (let i = 0; i < 16; i += 1) {
      const result = await runtime.chat(gpt2, { messages, maxNewTokens: 128, temperature: 0 });
      if (i === 0) continue; // warm-up
      ttft.push(result.ttftMs);
      speed.push(result.tokensPerSecond);
    }
    log(
      `chat: TTFT median ${median(ttft).toFixed(2)} ms, decode ${median(speed).toFixed(0)} tokens/s (128 tokens, greedy)`,
    );

    const baseline = await bareOrt(bert);
    const check = await runtime.embed(bert, SENTENCES.slice(0, BATCH));
    const reference = await baseline(SENTENCES.slice(0, BATCH));
    const maxDiff = Math.max(
      ...Array.from(reference, (v, i) =>
        Math.abs(v - check.vectors[Math.floor(i / check.dims)]![i % check.dims]!),
      ),
    );
    log(`same vectors from both paths (max difference ${maxDiff.toExponential(1)})`);
    const { ours, theirs, ratio } = await paired(
      PASSES,
      async () => {
        await runtime.embed(bert, SENTENCES, { batchSize: BATCH });
      },
      async () => {
        for (let i = 0; i < SENTENCES.length; i += BATCH) await baseline(SENTENCES.slice(i, i + BATCH));
      },
    );
    log(
      `embeddings: ${SENTENCES.length} sentences in ${ours.toFixed(1)} ms (runtime) vs ${theirs.toFixed(1)} ms ` +
        `(bare ORT), medians of ${PASSES} paired passes; median per-pair ratio ${ratio.toFixed(3)}`,
    );
    log(
      `machine load average during the run: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} on ${cpus().length} cores`,
    );

    return {
      'models.ttft_ms': median(ttft),
      'models.tokens_per_s': median(speed),
      'models.embeddings_per_s': (SENTENCES.length * 1000) / ours,
      'models.overhead_ratio_vs_ort': ratio,
      'models.worker_rss_mb': workerRssMb,
    };
  } finally {
    await runtime.close();
  }
}

// `npx tsx bench/models.bench.ts` runs it on its own.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run((m) => console.log(m));
  console.log(JSON.stringify(results, null, 2));
}
