/**
 * The framing of the audit store's files: a 16-byte header (magic, base) and then records
 * `u32 bodyLength ‖ u64 firstSeq ‖ u32 count ‖ sealed body`. The header fields are in the clear
 * so ranges can be found without decrypting, and they are bound into each record's associated
 * data together with the file name and record index, so a record cannot be moved, reordered,
 * renumbered or copied into another file without failing authentication.
 */
import type { FileHandle } from 'node:fs/promises';
import { AppError } from '../../../common/errors';

/** First 8 bytes of every audit store file. */
export const FILE_MAGIC = Buffer.from('SRAUDIT1', 'ascii');
/** Magic (8) + base seq (u64). */
export const FILE_HEADER_BYTES = 16;
/** Body length (u32) + first seq (u64) + count (u32). */
export const RECORD_HEADER_BYTES = 16;
/** A damaged length field must not make us allocate gigabytes. */
export const MAX_RECORD_BODY = 64 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

/** Where a record sits in its file and what it claims to hold. */
export interface RecordRef {
  /** Byte offset of the record header. */
  offset: number;
  bodyLength: number;
  firstSeq: number;
  count: number;
}

/** The associated data of record `index` of `fileName`. */
export function recordAad(fileName: string, index: number, firstSeq: number, count: number): string {
  return `starring-audit/v1|${fileName}|r${index}|s${firstSeq}|n${count}`;
}

/** The header of a new file whose first record starts at seq `base` (0 for side logs). */
export function fileHeader(base: number): Buffer {
  const header = Buffer.alloc(FILE_HEADER_BYTES);
  FILE_MAGIC.copy(header, 0);
  header.writeBigUInt64BE(BigInt(base), 8);
  return header;
}

/** Parses a file header; throws STORE_CORRUPT naming the file when it is not ours. */
export function parseFileHeader(fileName: string, header: Buffer): number {
  if (header.length < FILE_HEADER_BYTES || !header.subarray(0, 8).equals(FILE_MAGIC)) {
    throw corruptFile(fileName, 'it does not start with the audit file header');
  }
  return Number(header.readBigUInt64BE(8));
}

/** Frames a sealed body with its clear-text header. */
export function encodeRecord(firstSeq: number, count: number, sealedBody: Buffer): Buffer {
  const out = Buffer.allocUnsafe(RECORD_HEADER_BYTES + sealedBody.length);
  out.writeUInt32BE(sealedBody.length, 0);
  out.writeBigUInt64BE(BigInt(firstSeq), 4);
  out.writeUInt32BE(count, 12);
  sealedBody.copy(out, RECORD_HEADER_BYTES);
  return out;
}

/** STORE_CORRUPT naming the damaged file (relative to the audit folder). */
export function corruptFile(fileName: string, problem: string): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `Audit file ${fileName} is damaged or was tampered with: ${problem}.`,
    {
      details: { file: fileName },
    },
  );
}

/** A record read by scanRecords: its place and its still-sealed body. */
export interface ScannedRecord {
  ref: RecordRef;
  body: Buffer;
}

/**
 * Reads records sequentially from `offset` up to `end` with large buffered reads. A record that
 * runs past `end` is a torn write (its append never returned) and silently ends the scan; the
 * caller sees it as the last record ending before `end` and decides whether to truncate (writers)
 * or ignore it (readers). An impossible length is damage, not a torn write, and throws.
 */
export async function* scanRecords(
  fileName: string,
  handle: FileHandle,
  offset: number,
  end: number,
): AsyncGenerator<ScannedRecord> {
  let buffer = Buffer.alloc(0);
  let bufferStart = offset;
  let position = offset;
  const fill = async (need: number): Promise<boolean> => {
    // Ensures buffer holds bytes [position, position + need).
    const have = bufferStart + buffer.length - position;
    if (have >= need) return true;
    const available = end - (bufferStart + buffer.length);
    if (have + available < need) return false;
    const keep = buffer.subarray(position - bufferStart);
    const want = Math.min(available, Math.max(need - have, READ_CHUNK));
    const next = Buffer.allocUnsafe(keep.length + want);
    keep.copy(next, 0);
    let filled = 0;
    while (filled < want) {
      const { bytesRead } = await handle.read(
        next,
        keep.length + filled,
        want - filled,
        position + keep.length + filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    buffer = next.subarray(0, keep.length + filled);
    bufferStart = position;
    return keep.length + filled >= need;
  };
  while (position < end) {
    if (!(await fill(RECORD_HEADER_BYTES))) break;
    const at = position - bufferStart;
    const bodyLength = buffer.readUInt32BE(at);
    const firstSeq = Number(buffer.readBigUInt64BE(at + 4));
    const count = buffer.readUInt32BE(at + 12);
    if (bodyLength > MAX_RECORD_BODY || bodyLength === 0) {
      throw corruptFile(fileName, `record at byte ${position} has an impossible length`);
    }
    if (!(await fill(RECORD_HEADER_BYTES + bodyLength))) break;
    const bodyAt = position - bufferStart + RECORD_HEADER_BYTES;
    const body = buffer.subarray(bodyAt, bodyAt + bodyLength);
    yield { ref: { offset: position, bodyLength, firstSeq, count }, body };
    position += RECORD_HEADER_BYTES + bodyLength;
  }
}

/** Byte offset just after a record. */
export function recordEnd(ref: RecordRef): number {
  return ref.offset + RECORD_HEADER_BYTES + ref.bodyLength;
}
