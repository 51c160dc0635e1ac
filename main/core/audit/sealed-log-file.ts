/**
 * A small append-only file of sealed JSON records (the store's checkpoints.log and receipts.log),
 * loaded whole at open: a million entries carry about a thousand checkpoints.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory } from '../fs/atomic-write';
import {
  corruptFile,
  encodeRecord,
  FILE_HEADER_BYTES,
  fileHeader,
  parseFileHeader,
  recordAad,
  recordEnd,
  scanRecords,
} from './record-file';
import type { Sealer } from './sealer';

/** An open sealed log: its items in order, and durable appends. */
export interface SealedLogFile<T> {
  readonly items: readonly T[];
  /** Appends durably, all or nothing, with one fsync. */
  append(...newItems: T[]): Promise<void>;
  close(): Promise<void>;
}

/** Opens (or lazily creates, on first append) a sealed log file and loads its items. */
export async function openSealedLogFile<T>(options: {
  dir: string;
  fileName: string;
  sealer: Sealer;
  /** Validates a decrypted record; throws on anything unexpected. */
  parse: (value: unknown) => T;
  readOnly: boolean;
}): Promise<SealedLogFile<T>> {
  const { dir, fileName, sealer } = options;
  const path = join(dir, fileName);
  const items: T[] = [];
  let handle: FileHandle | undefined;
  let size = 0;
  try {
    handle = await open(path, options.readOnly ? 'r' : 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (handle) {
    const fileSize = (await handle.stat()).size;
    const header = Buffer.alloc(FILE_HEADER_BYTES);
    await handle.read(header, 0, FILE_HEADER_BYTES, 0);
    parseFileHeader(fileName, header);
    size = FILE_HEADER_BYTES;
    for await (const { ref, body } of scanRecords(fileName, handle, FILE_HEADER_BYTES, fileSize)) {
      const index = items.length;
      if (ref.firstSeq !== index + 1 || ref.count !== 1)
        throw corruptFile(fileName, `record ${index} is out of place`);
      const plain = sealer.open(recordAad(fileName, index, index + 1, 1), body);
      try {
        items.push(options.parse(JSON.parse(plain.toString('utf8'))));
      } catch {
        throw corruptFile(fileName, `record ${index} does not hold a valid item`);
      }
      size = recordEnd(ref);
    }
    if (size < fileSize && !options.readOnly) {
      // A torn last write: its append never returned, so dropping it loses nothing acknowledged.
      await handle.truncate(size);
      await handle.sync();
    }
  }

  return {
    items,
    async append(...newItems) {
      if (options.readOnly) throw new Error(`${fileName} is open read-only`);
      if (newItems.length === 0) return;
      let created = false;
      if (!handle) {
        handle = await open(path, 'wx+', 0o600);
        await handle.write(fileHeader(0), 0, FILE_HEADER_BYTES, 0);
        size = FILE_HEADER_BYTES;
        created = true;
      }
      const records = newItems.map((item, i) => {
        const index = items.length + i;
        const sealed = sealer.seal(
          recordAad(fileName, index, index + 1, 1),
          Buffer.from(JSON.stringify(item), 'utf8'),
        );
        return encodeRecord(index + 1, 1, sealed);
      });
      const data = Buffer.concat(records);
      try {
        await handle.write(data, 0, data.length, size);
        await handle.datasync();
      } catch (error) {
        await handle.truncate(size).catch(() => undefined);
        throw error;
      }
      if (created) await fsyncDirectory(dir);
      size += data.length;
      items.push(...newItems);
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}
