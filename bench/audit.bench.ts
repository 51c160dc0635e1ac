/**
 * Audit log benchmarks, run by bench/run.ts (`npx tsx bench/run.ts audit`).
 *
 * audit.append_per_s — calls per second of 'settings.setLocale' (an audited channel, trivial
 *   handler) through the real router (createRouter, allow-all authorizer) with the audit log as its
 *   AuditSink, on the durable encrypted segment store: every call waits for its entry's fsync.
 *   One caller at a time (the honest worst case: one fsync per entry).
 * audit.append_concurrent_per_s — the same with 64 calls in flight (group commit: one write and
 *   one fsync for every entry waiting).
 * audit.build_1m_s — seconds to append 1,000,000 entries through the bulk path (appendMany in
 *   batches of 10,000: real validation, JCS, SHA-256, sealing, fsync per batch, a checkpoint per
 *   1,000 entries).
 * audit.verify_per_s — entries per second of log.verifyChain() over those 1,000,000 entries
 *   (read, AES-GCM open, parse, JCS, SHA-256, link and checkpoint checks), page cache warm.
 * audit.verify_ratio_vs_sha256sum — our verification throughput over `sha256sum`'s on the same
 *   bytes (the segment files), measured in the same run: bytes/s(verifyChain) ÷ bytes/s(sha256sum).
 * audit.export_1m_s — seconds for exportBundle() of all 1,000,000 entries to a .zip (checkpoint,
 *   entries.jsonl, report.csv/html, manifest, signature), run in a child process.
 * audit.export_peak_rss_mb — that child's peak resident set (process.resourceUsage().maxRSS),
 *   which includes Node + tsx; audit.export_baseline_rss_mb is the same child's maxRSS just before
 *   the export starts, for comparison.
 * audit.bundle_verify_1m_s — seconds for verifyBundle() of that 1,000,000-entry bundle.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuditLog, type AuditLog } from '../main/core/audit/audit-log';
import { sampleInput } from '../main/core/audit/audit-fixtures.testkit';
import { exportBundle } from '../main/core/audit/bundle-export';
import { verifyBundle } from '../main/core/audit/bundle-verify';
import { loadOrCreateDeviceIdentity } from '../main/core/audit/device-identity';
import { createAesGcmSealer } from '../main/core/audit/sealer';
import { openSegmentAuditStore } from '../main/core/audit/segment-audit.store';
import { systemClock } from '../main/core/clock';
import type { Authorizer } from '../main/core/router/authorizer';
import type { ChannelHandlers, StreamHandlers } from '../main/core/router/handlers';
import { createRouter } from '../main/core/router/router';

const MILLION = 1_000_000;
const BULK_BATCH = 10_000;
const APPEND_SECONDS = 3;
const CHILD_FLAG = '--audit-export-child';

async function openLog(dir: string, key: Buffer): Promise<AuditLog> {
  const sealer = createAesGcmSealer(key);
  return createAuditLog({
    store: await openSegmentAuditStore({ dir, sealer }),
    identity: await loadOrCreateDeviceIdentity(dir, sealer),
    clock: systemClock,
    tenant: 'bench',
  });
}

async function appendThroughRouter(dir: string, inFlight: number): Promise<number> {
  const log = await openLog(dir, randomBytes(32));
  const allowAll: Authorizer = {
    name: 'bench',
    authorize: () => ({ decision: 'allow', reason: 'bench', policyId: 'bench' }),
  };
  const router = createRouter({
    channels: { 'settings.setLocale': (request: unknown) => request } as unknown as ChannelHandlers,
    streams: {} as StreamHandlers,
    authorizer: allowAll,
    audit: log,
  });
  const context = { transport: 'test' as const, actor: 'bench@hospital.example', origin: 'bench' };
  let calls = 0;
  const started = performance.now();
  const deadline = started + APPEND_SECONDS * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const result = await router.invoke(context, 'settings.setLocale', { locale: 'en' });
      if (!result.ok) throw new Error(result.error.message);
      calls += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  const report = await log.verifyChain();
  if (!report.ok || report.count !== calls) throw new Error('append benchmark left a broken chain');
  await log.close();
  return calls / seconds;
}

async function segmentFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.startsWith('seg-')).map((f) => join(dir, f));
}

/** Child mode: export the store in argv and print timings and peak RSS as JSON. */
async function exportChild(dir: string, out: string, keyHex: string): Promise<void> {
  const log = await openLog(dir, Buffer.from(keyHex, 'hex'));
  const baseline = process.resourceUsage().maxRSS;
  const started = performance.now();
  const result = await exportBundle(log, { out, createdBy: 'bench', clock: systemClock });
  const seconds = (performance.now() - started) / 1000;
  await log.close();
  process.stdout.write(
    `${JSON.stringify({ seconds, peakKb: process.resourceUsage().maxRSS, baselineKb: baseline, bytes: result.bytes, entries: result.entries })}\n`,
  );
}

export default async function auditBench(log: (message: string) => void): Promise<Record<string, number>> {
  const root = await mkdtemp(join(tmpdir(), 'starring-audit-bench-'));
  try {
    const figures: Record<string, number> = {};
    figures['audit.append_per_s'] = await appendThroughRouter(join(root, 'append-1'), 1);
    log(`router + fsync, 1 in flight: ${figures['audit.append_per_s'].toFixed(0)} calls/s`);
    figures['audit.append_concurrent_per_s'] = await appendThroughRouter(join(root, 'append-64'), 64);
    log(`router + fsync, 64 in flight: ${figures['audit.append_concurrent_per_s'].toFixed(0)} calls/s`);

    const dir = join(root, 'million');
    const key = randomBytes(32);
    const big = await openLog(dir, key);
    const inputs = Array.from({ length: BULK_BATCH }, (_, i) => sampleInput(i));
    let started = performance.now();
    for (let done = 0; done < MILLION; done += BULK_BATCH) await big.appendMany(inputs);
    figures['audit.build_1m_s'] = (performance.now() - started) / 1000;
    log(`built ${big.head().seq} entries in ${figures['audit.build_1m_s'].toFixed(1)} s`);

    started = performance.now();
    const report = await big.verifyChain();
    const verifySeconds = (performance.now() - started) / 1000;
    if (!report.ok || report.count !== MILLION)
      throw new Error(`verification failed: ${report.failure?.message}`);
    figures['audit.verify_per_s'] = MILLION / verifySeconds;
    await big.close();

    const files = await segmentFiles(dir);
    let bytes = 0;
    for (const file of files) bytes += (await stat(file)).size;
    started = performance.now();
    const sha = spawnSync('sha256sum', files, { stdio: ['ignore', 'ignore', 'inherit'] });
    const shaSeconds = (performance.now() - started) / 1000;
    if (sha.status !== 0) throw new Error('sha256sum failed');
    figures['audit.verify_ratio_vs_sha256sum'] = bytes / verifySeconds / (bytes / shaSeconds);
    log(
      `verify: ${verifySeconds.toFixed(1)} s for ${(bytes / 2 ** 20).toFixed(0)} MiB (${(bytes / 2 ** 20 / verifySeconds).toFixed(0)} MiB/s); sha256sum ${shaSeconds.toFixed(2)} s (${(bytes / 2 ** 20 / shaSeconds).toFixed(0)} MiB/s)`,
    );

    const out = join(root, 'million.zip');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, dir, out, key.toString('hex')],
      { encoding: 'utf8', maxBuffer: 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
    const exported = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as {
      seconds: number;
      peakKb: number;
      baselineKb: number;
      bytes: number;
      entries: number;
    };
    figures['audit.export_1m_s'] = exported.seconds;
    figures['audit.export_peak_rss_mb'] = exported.peakKb / 1024;
    figures['audit.export_baseline_rss_mb'] = exported.baselineKb / 1024;
    log(`export: ${exported.entries} entries, ${(exported.bytes / 2 ** 20).toFixed(1)} MiB zip`);

    started = performance.now();
    const verified = await verifyBundle(out);
    figures['audit.bundle_verify_1m_s'] = (performance.now() - started) / 1000;
    if (!verified.ok) throw new Error(`bundle verification failed: ${verified.failure.message}`);
    return figures;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv.includes(CHILD_FLAG)) {
  const [dir, out, keyHex] = process.argv.slice(process.argv.indexOf(CHILD_FLAG) + 1);
  await exportChild(dir as string, out as string, keyHex as string);
}
