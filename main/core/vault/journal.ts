import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { readAt, writeAll, type FileSystem, type VaultFileHandle } from './file-system';
import { AuthenticationError, aad, sha256, type CipherStrategy } from './vault-crypto';
import { fromIoError } from './vault-errors';

/** A parameter bound into a journaled SQL statement. */
export type SqlParam = string | number | null;
/** One SQL statement with its parameters; a commit is a list of these applied in one transaction. */
export type SqlOp = readonly [sql: string, params: readonly SqlParam[]];

const MAGIC = Buffer.from('SRJRNL01');
export const JOURNAL_HEADER_BYTES = MAGIC.length + 8;
/** Refuse absurd record lengths (a damaged length field) before allocating. */
const MAX_RECORD_BYTES = 1024 * 1024 * 1024;

export function journalFileName(gen: number): string {
  return `journal-${String(gen).padStart(8, '0')}.log`;
}

/** Chain value before a vault's first record. Later generations start from the previous one's last hash. */
export function genesisHash(vaultId: string): string {
  return sha256('starring-vault/genesis', vaultId).toString('hex');
}

function header(gen: number): Buffer {
  const b = Buffer.alloc(JOURNAL_HEADER_BYTES);
  MAGIC.copy(b, 0);
  b.writeBigUInt64BE(BigInt(gen), MAGIC.length);
  return b;
}

export interface RecordContext {
  cipher: CipherStrategy;
  vaultId: string;
  gen: number;
}

/**
 * Record layout: u32 length of the rest ‖ u8 key-id length ‖ key id ‖ nonce ‖
 * ciphertext ‖ tag. The associated data binds vault, generation, sequence number,
 * the previous record's chain hash and the key id, so a record cannot be moved to
 * another vault, position or journal, and none can be dropped from the middle.
 */
export function encodeRecord(
  ctx: RecordContext,
  key: { id: string; key: Buffer },
  seq: number,
  prevHash: string,
  ops: readonly SqlOp[],
): { bytes: Buffer; hash: string } {
  const keyId = Buffer.from(key.id, 'utf8');
  const sealed = ctx.cipher.seal(
    key.key,
    Buffer.from(JSON.stringify(ops), 'utf8'),
    aad('journal', ctx.vaultId, ctx.gen, seq, prevHash, key.id),
  );
  const bytes = Buffer.allocUnsafe(4 + 1 + keyId.length + sealed.length);
  bytes.writeUInt32BE(1 + keyId.length + sealed.length, 0);
  bytes.writeUInt8(keyId.length, 4);
  keyId.copy(bytes, 5);
  sealed.copy(bytes, 5 + keyId.length);
  return { bytes, hash: sha256(Buffer.from(prevHash, 'hex'), bytes).toString('hex') };
}

export interface ReplayedRecord {
  seq: number;
  ops: SqlOp[];
  hash: string;
  /** Byte offset just after this record. */
  end: number;
}

export interface JournalScan {
  records: ReplayedRecord[];
  /** Offset after the last good record. */
  validBytes: number;
  fileBytes: number;
  /** Why scanning stopped before the end of the file, if it did. */
  stop?: { seq: number; problem: string };
}

/**
 * Reads every intact record. It stops (rather than throwing) at the first record
 * that is incomplete or does not authenticate, because whether that is a torn
 * in-flight write or damage depends on what vault.head says; the caller decides.
 */
export function scanJournal(
  bytes: Buffer,
  ctx: RecordContext,
  startHash: string,
  keyFor: (keyId: string) => Buffer | undefined,
): JournalScan | { badHeader: string } {
  if (bytes.length < JOURNAL_HEADER_BYTES) return { badHeader: 'shorter than its header' };
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { badHeader: 'bad magic' };
  if (bytes.readBigUInt64BE(MAGIC.length) !== BigInt(ctx.gen))
    return { badHeader: 'header names another generation (file swapped?)' };
  const records: ReplayedRecord[] = [];
  let pos = JOURNAL_HEADER_BYTES;
  let hash = startHash;
  const stop = (problem: string): JournalScan => ({
    records,
    validBytes: pos,
    fileBytes: bytes.length,
    stop: { seq: records.length + 1, problem },
  });
  while (pos < bytes.length) {
    const seq = records.length + 1;
    if (bytes.length - pos < 5) return stop('incomplete record header');
    const len = bytes.readUInt32BE(pos);
    if (len > MAX_RECORD_BYTES || len < 1) return stop('impossible record length');
    if (bytes.length - pos - 4 < len) return stop('incomplete record');
    const keyLen = bytes.readUInt8(pos + 4);
    if (keyLen + 1 > len) return stop('impossible key-id length');
    const keyId = bytes.toString('utf8', pos + 5, pos + 5 + keyLen);
    const key = keyFor(keyId);
    if (!key) return stop(`record sealed with unknown key ${JSON.stringify(keyId)}`);
    const recordBytes = bytes.subarray(pos, pos + 4 + len);
    let ops: SqlOp[];
    try {
      const plain = ctx.cipher.open(
        key,
        recordBytes.subarray(5 + keyLen),
        aad('journal', ctx.vaultId, ctx.gen, seq, hash, keyId),
      );
      ops = JSON.parse(plain.toString('utf8')) as SqlOp[];
      if (!Array.isArray(ops)) throw new AuthenticationError('not a list of statements');
    } catch (err) {
      if (err instanceof AuthenticationError || err instanceof SyntaxError)
        return stop('record does not authenticate');
      throw err;
    }
    hash = sha256(Buffer.from(hash, 'hex'), recordBytes).toString('hex');
    pos += 4 + len;
    records.push({ seq, ops, hash, end: pos });
  }
  return { records, validBytes: pos, fileBytes: bytes.length };
}

/** Creates an empty journal file durably (header only). */
export async function createJournal(fs: FileSystem, dir: string, gen: number): Promise<void> {
  const name = journalFileName(gen);
  try {
    await writeFileAtomic(fs, join(dir, name), header(gen));
  } catch (err) {
    throw fromIoError(err, name, 'create');
  }
}

/**
 * Appends records to the active journal. Each append is written at the known end
 * and fdatasync'ed before it returns; a failed append is cut back off so the file
 * never keeps a half record followed by good ones.
 */
export class JournalWriter {
  private constructor(
    private readonly fh: VaultFileHandle,
    readonly name: string,
    private size: number,
  ) {}

  static async open(fs: FileSystem, dir: string, gen: number, validBytes: number): Promise<JournalWriter> {
    const name = journalFileName(gen);
    try {
      const fh = await fs.open(join(dir, name), 'r+');
      const w = new JournalWriter(fh, name, validBytes);
      // A torn tail from a crash: cut it so the next record starts at a record boundary.
      if ((await fh.size()) !== validBytes) {
        await fh.truncate(validBytes);
        await fh.datasync();
      }
      return w;
    } catch (err) {
      throw fromIoError(err, name, 'open');
    }
  }

  get bytes(): number {
    return this.size;
  }

  async append(record: Buffer): Promise<void> {
    const at = this.size;
    try {
      await writeAll(this.fh, record, at);
      await this.fh.datasync();
      this.size = at + record.length;
    } catch (err) {
      await this.cutBack(at);
      throw fromIoError(err, this.name, 'append to');
    }
  }

  /**
   * Removes everything after `size` (undoes an append whose commit failed). If
   * even that fails the writer is poisoned: the unacknowledged tail is cut on the
   * next open, and until then no record may follow it.
   */
  async cutBack(size: number): Promise<void> {
    this.size = size;
    try {
      await this.fh.truncate(size);
      await this.fh.datasync();
      this.poisoned = false;
    } catch {
      this.poisoned = true;
    }
  }

  /**
   * True after a failed cut-back: a record that was reported as not saved may
   * still be on disk, and no record may follow it until the cut-back succeeds.
   */
  poisoned = false;

  /** Retries a failed cut-back (e.g. once space was freed); true when the journal is clean again. */
  async repair(): Promise<boolean> {
    if (this.poisoned) await this.cutBack(this.size);
    return !this.poisoned;
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

/** Reads a whole journal file (bounded by the compaction threshold, so small). */
export async function readJournalBytes(fs: FileSystem, dir: string, gen: number): Promise<Buffer> {
  const fh = await fs.open(join(dir, journalFileName(gen)), 'r');
  try {
    return await readAt(fh, await fh.size(), 0);
  } finally {
    await fh.close();
  }
}
