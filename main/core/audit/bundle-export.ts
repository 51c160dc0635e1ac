/**
 * Exports an audit bundle (§3): a .zip with the signed manifest, the entries (non-matching ones
 * redacted so the chain stays whole), checkpoints, receipts, keys, a report and VERIFY.md.
 * Streams from the store to the zip file, so a million entries need little memory.
 */
import { randomBytes } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AuditEntry } from '../../../common/audit/entry.schema';
import { entryLine, jcs, redactedLine } from '../../../common/audit/jcs';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BundleFilter,
  deviceKeyPath,
  type BundleAnchor,
  type BundleFile,
  type BundleManifest,
} from '../../../common/audit/manifest.schema';
import { AppError } from '../../../common/errors';
import type { Clock } from '../clock';
import type { AuditLog } from './audit-log';
import { entryMatcher, normalizeBound } from './audit-query';
import { verifyReceipt } from './audit-signature';
import { addToReport, createReportStats, CSV_HEADER, csvRow, renderReportHtml } from './bundle-report';
import { verifyMarkdown } from './verify-doc';
import { createZipWriter, type StreamingZipWriter } from './zip-writer';

/** What to export, where, for whom. */
export interface ExportBundleOptions {
  /** Where the .zip goes; written to a temp file beside it and renamed when complete. */
  out: string;
  filter?: BundleFilter;
  /** Who asked for the export (the signed-in user). */
  createdBy: string;
  clock: Clock;
  /** Called as entries are written: done of total entries (total may shrink after a filtered scan). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** The written bundle. */
export interface ExportBundleResult {
  path: string;
  bytes: number;
  /** SHA-256 of the .zip file. */
  sha256: string;
  /** Lines in entries.jsonl. */
  entries: number;
  /** Of which disclosed (matched the filter)... */
  disclosed: number;
  /** ...and redacted. */
  redacted: number;
  manifest: BundleManifest;
}

const PROGRESS_EVERY = 4096;

/** Checkpoints the log, then streams the bundle to `options.out` (temp file + rename). */
export async function exportBundle(log: AuditLog, options: ExportBundleOptions): Promise<ExportBundleResult> {
  // Bounds are stored as the log writes times (UTC, milliseconds), so the manifest is exact.
  const given = options.filter ?? {};
  const parsedFilter = BundleFilter.safeParse({
    ...given,
    ...(given.from !== undefined ? { from: normalizeOrKeep(given.from) } : {}),
    ...(given.to !== undefined ? { to: normalizeOrKeep(given.to) } : {}),
  });
  if (!parsedFilter.success) {
    const issue = parsedFilter.error.issues[0];
    throw new AppError('INVALID_ARGUMENT', `Export filter rejected: ${issue?.message ?? 'invalid'}`, {
      field: `filter.${issue?.path.join('.') ?? ''}`,
    });
  }
  const filter = parsedFilter.data;
  const filtered = Boolean(filter.from || filter.to || filter.actors?.length || filter.actions?.length);
  const matches = entryMatcher(filter);
  const checkAbort = (): void => {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The export was cancelled.');
  };

  // The checkpoint comes first, so the bundle's last entry is always signed.
  const exportCheckpoint = await log.checkpoint('export');
  const storeAnchor = log.anchor();
  let start = storeAnchor.seq + 1;
  let end = exportCheckpoint.seq;
  let total = (end - storeAnchor.seq) * (filtered ? 2 : 1);
  let done = 0;
  const progress = (force = false): void => {
    if (force || done % PROGRESS_EVERY === 0) options.onProgress?.(done, total);
  };

  if (filtered) {
    // First pass: where the matching entries start and end. The bundle runs from the first match
    // to the first checkpoint at or after the last one, instead of to the head.
    let first = 0;
    let last = 0;
    for await (const batch of log.read(start, end)) {
      checkAbort();
      for (const entry of batch) {
        done += 1;
        progress();
        if (!matches(entry)) continue;
        if (first === 0) first = entry.seq;
        last = entry.seq;
      }
    }
    if (first === 0) {
      start = end + 1;
    } else {
      start = first;
      end = Math.min(
        ...log
          .checkpoints()
          .map((stored) => stored.checkpoint.seq)
          .filter((seq) => seq >= last && seq <= exportCheckpoint.seq),
      );
    }
    total = done + Math.max(0, end - start + 1);
  }

  const anchor: BundleAnchor = { device: log.deviceId, seq: start - 1, hash: storeAnchor.hash };
  if (anchor.seq > storeAnchor.seq) {
    for await (const batch of log.read(anchor.seq, anchor.seq)) anchor.hash = (batch[0] as AuditEntry).hash;
  }

  const createdAt = options.clock.now().toISOString();
  const zip = await createZipWriter(options.out, new Date(createdAt));
  const csvPath = join(
    dirname(options.out),
    `.${basename(options.out)}.${randomBytes(4).toString('hex')}.csv`,
  );
  let csv: FileHandle | undefined;
  try {
    csv = await open(csvPath, 'wx+', 0o600);
    const files: BundleFile[] = [];
    const stats = createReportStats();
    let lines = 0;
    let csvBytes = 0;

    const entries = zip.member(BUNDLE_FILES.entries);
    for await (const batch of log.read(start, end)) {
      checkAbort();
      let text = '';
      let rows = '';
      for (const entry of batch) {
        if (!filtered || matches(entry)) {
          text += `${entryLine(entry)}\n`;
          addToReport(stats, entry);
          rows += csvRow(entry);
        } else {
          text += `${redactedLine(entry)}\n`;
        }
        lines += 1;
        done += 1;
        progress();
      }
      entries.write(text);
      await entries.flush();
      if (rows) {
        const data = Buffer.from(rows, 'utf8');
        await csv.write(data, 0, data.length, csvBytes);
        csvBytes += data.length;
      }
    }
    files.push(await entries.end());

    const checkpoints = log
      .checkpoints()
      .map((stored) => stored.checkpoint)
      .filter((cp) => cp.device === log.deviceId && cp.seq >= anchor.seq && cp.seq <= end);
    files.push(await zip.add(BUNDLE_FILES.checkpoints, checkpoints.map((cp) => `${jcs(cp)}\n`).join('')));

    // Receipts overlapping the bundle or vouching for its anchor, verified with the newest server
    // key (receipts under older keys stay in the store).
    const serverKey = log.receipts().at(-1)?.serverPublicKeyPem;
    const receipts = log
      .receipts()
      .map((stored) => stored.receipt)
      .filter(
        (r) => serverKey !== undefined && r.to >= anchor.seq && r.from <= end && verifyReceipt(r, serverKey),
      );
    files.push(await zip.add(BUNDLE_FILES.receipts, receipts.map((r) => `${jcs(r)}\n`).join('')));
    files.push(await zip.add(deviceKeyPath(log.deviceId), log.identity.publicKeyPem));
    if (receipts.length > 0 && serverKey !== undefined)
      files.push(await zip.add(BUNDLE_FILES.serverKey, serverKey));

    files.push(await copyCsv(zip, csv, csvBytes));
    files.push(
      await zip.add(
        BUNDLE_FILES.reportHtml,
        renderReportHtml(stats, {
          createdAt,
          createdBy: options.createdBy,
          filter,
          device: log.deviceId,
          firstSeq: start,
          lastSeq: end,
          redacted: lines - stats.total,
        }),
      ),
    );
    files.push(await zip.add(BUNDLE_FILES.verify, verifyMarkdown(log.deviceId)));

    const manifest: BundleManifest = {
      v: 1,
      format: BUNDLE_FORMAT,
      createdAt,
      createdBy: options.createdBy,
      filter,
      signer: log.deviceId,
      anchors: [anchor],
      files,
      devices: [{ id: log.deviceId, publicKeyPem: log.identity.publicKeyPem }],
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    await zip.add(BUNDLE_FILES.manifest, manifestBytes);
    await zip.add(BUNDLE_FILES.signature, log.identity.sign(manifestBytes));
    const archive = await zip.finish();
    progress(true);
    return {
      path: options.out,
      bytes: archive.bytes,
      sha256: archive.sha256,
      entries: lines,
      disclosed: stats.total,
      redacted: lines - stats.total,
      manifest,
    };
  } catch (error) {
    await zip.abort();
    throw error;
  } finally {
    await csv?.close();
    await rm(csvPath, { force: true });
  }
}

/** A valid date normalized to toISOString(); anything else unchanged, for the schema to reject. */
function normalizeOrKeep(value: string): string {
  try {
    return normalizeBound(value) ?? value;
  } catch {
    return value;
  }
}

/** report.csv: the header, then the rows spooled to the temp file during the entries pass. */
async function copyCsv(zip: StreamingZipWriter, csv: FileHandle, bytes: number): Promise<BundleFile> {
  const sink = zip.member(BUNDLE_FILES.reportCsv);
  sink.write(CSV_HEADER);
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  for (let offset = 0; offset < bytes;) {
    const { bytesRead } = await csv.read(buffer, 0, Math.min(buffer.length, bytes - offset), offset);
    if (bytesRead === 0) break;
    sink.write(Buffer.from(buffer.subarray(0, bytesRead)));
    await sink.flush();
    offset += bytesRead;
  }
  return sink.end();
}
