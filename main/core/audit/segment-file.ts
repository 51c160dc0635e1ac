/**
 * One segment file of the audit store: indexing its records (headers only), decrypting a record
 * into entries and reading a seq range. Segment n holds seqs (n-1)·S+1 … n·S.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry } from '../../../common/audit/entry.schema';
import {
  corruptFile,
  FILE_HEADER_BYTES,
  parseFileHeader,
  RECORD_HEADER_BYTES,
  recordAad,
  recordEnd,
  scanRecords,
  type RecordRef,
} from './record-file';
import type { Sealer } from './sealer';

/** What the segment functions need of their store. */
export interface SegmentContext {
  dir: string;
  sealer: Sealer;
  /** S: entries per segment. */
  segmentEntries: number;
  readOnly: boolean;
}

/** What the store knows of one segment file. */
export interface Segment {
  n: number;
  name: string;
  base: number;
  /** Valid bytes (header + whole records). */
  size: number;
  /** Record positions; always present for the last segment, built lazily for the others. */
  records: RecordRef[] | undefined;
}

/** seg-000001.log for n = 1. */
export function segmentName(n: number): string {
  return `seg-${String(n).padStart(6, '0')}.log`;
}

/**
 * Scans a segment's record headers (reading, not decrypting), checking they follow on. Only
 * the last segment may end in a torn record: writers cut it off, readers ignore it (a writer
 * may be in the middle of that very append).
 */
export async function indexSegment(
  ctx: SegmentContext,
  seg: Segment,
  handle: FileHandle,
  isLast = false,
): Promise<RecordRef[]> {
  const S = ctx.segmentEntries;
  if (seg.records) return seg.records;
  const header = Buffer.alloc(FILE_HEADER_BYTES);
  const { bytesRead } = await handle.read(header, 0, FILE_HEADER_BYTES, 0);
  if (bytesRead < FILE_HEADER_BYTES && isLast) {
    seg.records = [];
    return seg.records;
  }
  if (parseFileHeader(seg.name, header) !== seg.base)
    throw corruptFile(seg.name, 'its header names another range');
  const records: RecordRef[] = [];
  let next = seg.base;
  let end = FILE_HEADER_BYTES;
  for await (const { ref } of scanRecords(seg.name, handle, FILE_HEADER_BYTES, seg.size)) {
    if (ref.firstSeq !== next || ref.count < 1 || next + ref.count - 1 >= seg.base + S) {
      throw corruptFile(seg.name, `record ${records.length} does not follow on (seq ${ref.firstSeq})`);
    }
    records.push(ref);
    next += ref.count;
    end = recordEnd(ref);
  }
  if (end < seg.size) {
    if (!isLast) throw corruptFile(seg.name, `the bytes after record ${records.length - 1} are damaged`);
    if (!ctx.readOnly) {
      await handle.truncate(end);
      await handle.sync();
    }
    seg.size = end;
  }
  seg.records = records;
  return records;
}

/** Decrypts record `index` of `seg` and checks its entries carry the seqs its header claims. */
export function decodeRecord(
  ctx: SegmentContext,
  seg: Segment,
  index: number,
  ref: RecordRef,
  body: Buffer,
): AuditEntry[] {
  const plain = ctx.sealer.open(recordAad(seg.name, index, ref.firstSeq, ref.count), body);
  const lines = plain.toString('utf8').split('\n');
  if (lines.length !== ref.count)
    throw corruptFile(seg.name, `record ${index} holds the wrong number of entries`);
  return lines.map((line, i) => {
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch {
      throw corruptFile(seg.name, `record ${index} does not hold JSON`);
    }
    if (entry.seq !== ref.firstSeq + i) throw corruptFile(seg.name, `record ${index} holds seq ${entry.seq}`);
    return entry;
  });
}

/** Reads and decrypts one record at a known position. */
export async function openRecord(
  ctx: SegmentContext,
  seg: Segment,
  index: number,
  ref: RecordRef,
  handle: FileHandle,
): Promise<AuditEntry[]> {
  const body = Buffer.allocUnsafe(ref.bodyLength);
  await handle.read(body, 0, ref.bodyLength, ref.offset + RECORD_HEADER_BYTES);
  return decodeRecord(ctx, seg, index, ref, body);
}

/** Entries from…to of one segment, in record-sized batches. */
export async function* readSegment(
  ctx: SegmentContext,
  seg: Segment,
  from: number,
  to: number,
  isLast: boolean,
): AsyncGenerator<AuditEntry[]> {
  const handle = await open(join(ctx.dir, seg.name), 'r');
  try {
    const records = await indexSegment(ctx, seg, handle, isLast);
    // Binary search: the last record whose firstSeq <= from.
    let lo = 0;
    let hi = records.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((records[mid] as RecordRef).firstSeq <= from) lo = mid;
      else hi = mid - 1;
    }
    const start = records[lo];
    if (!start) return;
    let index = lo;
    for await (const { ref, body } of scanRecords(seg.name, handle, start.offset, seg.size)) {
      if (ref.firstSeq > to) break;
      const entries = decodeRecord(ctx, seg, index, ref, body);
      index += 1;
      const first = Math.max(0, from - ref.firstSeq);
      const last = Math.min(entries.length, to - ref.firstSeq + 1);
      yield first === 0 && last === entries.length ? entries : entries.slice(first, last);
    }
  } finally {
    await handle.close();
  }
}
