/**
 * Search and export figures:
 * - `search.fts_p95_ms`: search.query in text mode (FTS4 MATCH + BM25 from matchinfo + filters) over
 *   20,000 documents, p95 of 200 queries of 1–3 words;
 * - `search.hybrid_p95_ms`: the same queries in hybrid mode — FTS plus a cosine scan over 20,000
 *   384-dimension vectors (the size all-MiniLM-L6-v2 gives) and reciprocal rank fusion. Vectors come
 *   from a deterministic hashing embedder so the figure measures search, not the model; the model's
 *   cost per query is `models.embeddings_per_s` in the models group;
 * - `export.pdf_50p_ms`, `export.docx_50p_ms`: median of 5 renders of a 50-page document (after
 *   one warm-up, which loads and parses the CJK font once per process).
 * The 20k vault (≈2 KB documents, vectors stored in it) is built once under .tmp/bench-search.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { renderExport } from '../main/core/export';
import type { ExportDocument } from '../main/core/export/export-model';
import { createSearchService, type Embedder } from '../main/core/search';
import { createVaultService, type VaultService } from '../main/core/vault';
import { CHEAP_SCRYPT } from '../main/core/vault/test-support';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)), '.tmp/bench-search');
const COUNT = 20_000;
const DIMS = 384;
const VERSION = 'v2';
const PASSPHRASE = 'bench search passphrase';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = `patient pressure seal valve torque inspection report contract clause risk lesson quiz answer
script scene brand voice glossary metformin insulin pneumonia inhaler discharge referral follow-up plan
hazard lock tag-out energy bolt gauge calibration tolerance nominal measured deviation corrective action
supplier delivery revenue margin forecast audit training safety ward nurse doctor dose tablet infusion
hydraulic pneumatic bearing motor conveyor weld porosity crack coating paint batch lot sample defect
student teacher course module outcome assessment rubric homework reading grammar vocabulary chapter`
  .split(/\s+/)
  .filter(Boolean);
const INDUSTRIES = ['healthcare', 'manufacturing', 'business', 'education', 'content'] as const;
const CLASSES = ['public', 'internal', 'confidential', 'phi'] as const;

const SYLLABLES = [
  'ka',
  'ro',
  'mi',
  'te',
  'su',
  'lan',
  'dor',
  'vi',
  'pe',
  'qua',
  'nor',
  'ti',
  'sel',
  'ba',
  'gri',
  'on',
];

/**
 * The corpus vocabulary: the domain words first (the most frequent), then 6,000 made-up words, drawn
 * with a Zipf-like skew (rank ∝ u³) as in the vault benchmark, so common words are in most documents
 * and specific words in few — as in real notes.
 */
const VOCAB = (() => {
  const r = rng(7);
  const words = [...WORDS];
  while (words.length < WORDS.length + 6000) {
    let w = '';
    const n = 2 + Math.floor(r() * 3);
    for (let j = 0; j < n; j += 1) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    words.push(w);
  }
  return words;
})();

function text(r: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) out.push(VOCAB[Math.floor(VOCAB.length * r() ** 3)]!);
  return out.join(' ');
}

/** What people type: 1–3 specific words (vocabulary ranks 100–3,000), not stop-word-like ones. */
function queryText(r: () => number, n: number): string {
  return Array.from({ length: n }, () => VOCAB[100 + Math.floor(r() * 2900)]!).join(' ');
}

/** Words hashed into DIMS buckets: documents sharing words get near vectors. */
const hashingEmbedder: Embedder = {
  async embed(texts) {
    return {
      modelId: 'bench-hash-384',
      vectors: texts.map((t) => {
        const v = new Float32Array(DIMS);
        for (const w of t.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
          if (!w) continue;
          let h = 2166136261;
          for (let i = 0; i < w.length; i += 1) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
          v[(h >>> 0) % DIMS]! += 1;
        }
        return v;
      }),
    };
  },
};

function vault(): VaultService {
  return createVaultService({ dir: join(ROOT, 'vault'), scrypt: CHEAP_SCRYPT, compaction: { auto: false } });
}

async function build(log: (m: string) => void): Promise<VaultService> {
  const marker = join(ROOT, '.built');
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === VERSION) {
    const v = vault();
    await v.unlock({ passphrase: PASSPHRASE });
    return v;
  }
  await rm(ROOT, { recursive: true, force: true });
  await mkdir(ROOT, { recursive: true });
  const started = performance.now();
  const v = vault();
  await v.create({ passphrase: PASSPHRASE });
  const r = rng(11);
  for (let i = 0; i < COUNT; i += 500) {
    const batch = Array.from({ length: Math.min(500, COUNT - i) }, (_, k) => {
      const n = i + k;
      return {
        id: `doc-${n}`,
        title: `${text(r, 4)} ${n}`,
        templateId: `t-${n % 17}`,
        industry: INDUSTRIES[n % INDUSTRIES.length]!,
        classification: CLASSES[n % CLASSES.length]!,
        body: JSON.stringify({
          type: 'starring-document',
          sections: [{ title: 'Notes', text: text(r, 300) }],
        }),
      };
    });
    await v.documents.saveMany(batch);
    if (i % 4000 === 0) await v.compact();
    if (i % 5000 === 0) log(`built ${i + batch.length}/${COUNT}`);
  }
  // Index every vector now (stored in the vault), so runs measure queries, not indexing.
  const search = createSearchService({
    vault: () => v,
    embedder: hashingEmbedder,
    syncIndexLimit: Number.POSITIVE_INFINITY,
  });
  await search.query({ text: 'patient', filters: {}, mode: 'hybrid', limit: 10 });
  await v.compact();
  await writeFile(marker, VERSION);
  log(`built ${COUNT} documents with vectors in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return v;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** About 50 A4 pages: 50 sections of six paragraphs, and a 60-row table. */
function fiftyPageDocument(): ExportDocument {
  const r = rng(5);
  return {
    id: 'bench-50p',
    title: 'Maintenance manual — line 3 (bench)',
    templateId: 'manufacturing.maintenance-procedure',
    templateName: 'Maintenance procedure',
    industry: 'manufacturing',
    classification: 'internal',
    version: 3,
    updatedAt: '2026-12-01T10:00:00.000Z',
    owner: 'bench',
    sections: [
      ...Array.from({ length: 50 }, (_, i) => ({
        title: `Section ${i + 1} 第${i + 1}节`,
        blocks: [
          {
            kind: 'rich' as const,
            label: 'Procedure',
            paragraphs: Array.from({ length: 6 }, () => ({
              style: 'p' as const,
              runs: [{ text: `${text(r, 90)} 检查压力。` }],
            })),
          },
        ],
      })),
      {
        title: 'Torque table',
        blocks: [
          {
            kind: 'table' as const,
            id: 'torque',
            label: 'Torque',
            columns: ['Fastener', 'Size', 'Torque (N·m)', 'Checked'],
            rows: Array.from({ length: 60 }, (_, i) => [
              `B-${i}`,
              'M12',
              String(80 + (i % 20)),
              i % 2 ? 'yes' : 'no',
            ]),
          },
        ],
      },
    ],
    signatures: [{ name: 'Zhao Min', at: '2026-12-01T10:00:00.000Z', meaning: 'author', version: 3 }],
    provenance: [
      { model: 'tiny-gpt2', packSha256: 'ab'.repeat(32), provider: 'local', at: '2026-12-01T09:00:00Z' },
    ],
    values: {},
  };
}

export default async function run(log: (msg: string) => void): Promise<Record<string, number>> {
  const v = await build(log);
  const r = rng(99);
  const queries = Array.from({ length: 200 }, (_, i) => ({
    text: queryText(r, 1 + (i % 3)),
    filters:
      i % 4 === 0
        ? { industries: ['healthcare'] }
        : i % 4 === 1
          ? { classifications: ['internal' as const] }
          : {},
  }));
  const search = createSearchService({ vault: () => v, embedder: hashingEmbedder });
  // Warm-up: loads the vectors from the vault into memory and compiles the hot paths.
  for (const q of queries.slice(0, 10)) await search.query({ ...q, mode: 'hybrid', limit: 50 });
  const time = async (mode: 'text' | 'hybrid') => {
    const ms: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t0 = performance.now();
      const res = await search.query({ ...q, mode, limit: 50 });
      ms.push(performance.now() - t0);
      hits += res.total;
    }
    log(
      `${mode}: median ${median(ms).toFixed(1)} ms, p95 ${p95(ms).toFixed(1)} ms, mean hits ${(hits / queries.length).toFixed(0)}`,
    );
    return p95(ms);
  };
  const fts = await time('text');
  const hybrid = await time('hybrid');
  // The worst case, logged only: the most common word, which matches nearly every document.
  const t0 = performance.now();
  const broad = await search.query({ text: VOCAB[0]!, filters: {}, mode: 'hybrid', limit: 50 });
  log(`broadest query "${VOCAB[0]}": ${broad.total} results, ${(performance.now() - t0).toFixed(0)} ms`);
  await v.lock();

  const doc = fiftyPageDocument();
  const at = '2026-12-06T00:00:00.000Z';
  const warm = await renderExport(doc, { format: 'pdf' }, at);
  log(`PDF has ${(await PDFDocument.load(warm)).getPageCount()} pages, ${(warm.length / 1e3).toFixed(0)} kB`);
  await renderExport(doc, { format: 'docx' }, at);
  const runs = async (format: 'pdf' | 'docx') => {
    const ms: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t0 = performance.now();
      await renderExport(doc, { format }, at);
      ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  return {
    'search.fts_p95_ms': fts,
    'search.hybrid_p95_ms': hybrid,
    'export.pdf_50p_ms': await runs('pdf'),
    'export.docx_50p_ms': await runs('docx'),
  };
}
