/**
 * Editor benchmarks, run by bench/run.ts (`npm run bench -- editors`). The export/search figures
 * of issue 8 live in their own files (bench/search.bench.ts …); this file owns the editor's.
 *
 * editor.open_50p_ms — median over RUNS of: the app already showing the document list, from
 *   setting `location.hash` to `#/documents/<id>` to the frame after the last paragraph of a
 *   50-page document (business report, ~25,000 words in its findings field) is in the DOM —
 *   `documents.get` + `templates.get` over the harness socket, React render, TipTap parsing the
 *   ProseMirror JSON, and the paint.
 * editor.keystroke_p95_ms — 95th percentile over KEYS keystrokes typed at the end of that
 *   document: from the keydown event's timestamp to the next frame (requestAnimationFrame, then a
 *   task queued from it: after that frame was painted). Includes ProseMirror's transaction, our
 *   onUpdate → React state, live validation of the whole form, and layout of the 50 pages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { DocumentView } from '../common/contract';
import type { RichDoc } from '../common/documents';
import { repoRoot } from '../main/core/app/app-version';
import { createCore } from '../main/core/core';
import type { CallContext } from '../main/core/router/call-context';
import { startHarness } from '../main/harness/harness-server';

const RUNS = 5;
const KEYS = 80;
const PAGES = 50;
/** A printed page of prose: about 500 words in ~8 paragraphs. */
const PARAGRAPHS_PER_PAGE = 8;
const CHROMIUM = process.env.STARRING_CHROMIUM ?? '/usr/bin/chromium';
const PASSPHRASE = 'bench passphrase violet-harbor-93';

const SENTENCES = [
  'Quarterly throughput on line three rose by four percent after the changeover to the new fixture.',
  'Scrap fell from 2.1 to 1.6 percent, mostly in flange thickness, which the revised gauge now catches earlier.',
  'Customer complaints about packaging damage remain the largest single category and need a carrier review.',
  'Overtime hours stayed within budget, although maintenance backlog grew during the two-week audit.',
  'We recommend extending the pilot to line four once the operators there have completed training.',
];

function fiftyPages(): RichDoc {
  const content = [];
  for (let p = 0; p < PAGES * PARAGRAPHS_PER_PAGE; p += 1) {
    const text = Array.from({ length: 4 }, (_, i) => SENTENCES[(p + i) % SENTENCES.length]).join(' ');
    content.push({ type: 'paragraph', content: [{ type: 'text', text: `${p + 1}. ${text}` }] });
  }
  return { type: 'doc', content };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export default async function run(log: (m: string) => void): Promise<Record<string, number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'starring-bench-editor-'));
  const core = await createCore({
    dataDir,
    transport: 'browser-harness',
    version: 'bench',
    scrypt: { N: 1024, r: 8, p: 1 },
  });
  const ctx: CallContext = { transport: 'browser-harness', actor: 'local-user', origin: 'bench' };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    await core.vault.create({ passphrase: PASSPHRASE, useOsKeystore: false });
    const created = await core.router.invoke(ctx, 'documents.create', {
      templateId: 'business.report',
      title: '50-page report',
    });
    if (!created.ok) throw new Error(created.error.message);
    const doc = created.value as DocumentView;
    const body = fiftyPages();
    const saved = await core.router.invoke(ctx, 'documents.save', {
      id: doc.id,
      baseVersion: 1,
      edit: { values: { findings: body } },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    log(
      `document: ${PAGES} pages, ${body.content?.length} paragraphs, ${JSON.stringify(body).length} bytes of JSON`,
    );

    const harness = await startHarness({
      core,
      rendererDir: join(repoRoot, 'dist', 'renderer'),
      preloadScript: join(repoRoot, 'dist', 'harness', 'harness-preload.js'),
      port: 0,
    });
    const lastParagraph = `[data-field-id="findings"] .rich-input p:nth-child(${body.content?.length})`;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(harness.url);
      await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();

      // Page scripts are strings: this file is type-checked for Node, without the DOM's types.
      const nextFrame = `new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)))`;
      const opens: number[] = [];
      for (let i = 0; i < RUNS + 1; i += 1) {
        await page.evaluate(`window.location.hash = '#/documents'`);
        await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
        const t0 = await page.evaluate<number>(
          `(() => { const now = performance.now(); window.location.hash = ${JSON.stringify(`#/documents/${encodeURIComponent(doc.id)}`)}; return now; })()`,
        );
        await page.waitForSelector(lastParagraph);
        const t1 = await page.evaluate<number>(nextFrame);
        if (i > 0) opens.push(t1 - t0); // the first open warms the caches (code, fonts)
      }
      log(`open samples (ms): ${opens.map((v) => v.toFixed(0)).join(', ')}`);

      // Type at the end of the 50 pages.
      await page.click(lastParagraph);
      await page.keyboard.press('End');
      await page.evaluate(`(() => {
        window.__keyLatencies = [];
        document.addEventListener('keydown', (event) => {
          const start = event.timeStamp;
          requestAnimationFrame(() => setTimeout(() => window.__keyLatencies.push(performance.now() - start), 0));
        }, { capture: true });
      })()`);
      const text = ' and the follow-up audit confirmed it'.repeat(3).slice(0, KEYS);
      for (const ch of text) await page.keyboard.type(ch, { delay: 40 });
      await page.waitForTimeout(200);
      const latencies = await page.evaluate<number[]>('window.__keyLatencies');
      log(`keystrokes measured: ${latencies.length}; median ${median(latencies).toFixed(1)} ms`);
      return {
        'editor.open_50p_ms': median(opens),
        'editor.keystroke_p95_ms': percentile(latencies, 95),
      };
    } finally {
      await page.close();
      await harness.close();
    }
  } finally {
    await browser.close();
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
