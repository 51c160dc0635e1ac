import * as fsp from 'node:fs/promises';
import { constants } from 'node:fs';

/**
 * The few file operations the vault needs, behind an interface so tests can inject
 * faults (disk full, failing fsync) at exact points. Paths are absolute.
 */
export interface FileSystem {
  readFile(path: string): Promise<Buffer>;
  /** Opens for reading ('r'), creating-or-truncating ('w'), exclusive create ('wx') or appending ('a'). */
  open(path: string, flags: 'r' | 'w' | 'wx' | 'a' | 'r+'): Promise<VaultFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  /** Size in bytes, or undefined when the file does not exist. */
  size(path: string): Promise<number | undefined>;
  /** Makes a rename or create inside `dir` durable. */
  syncDir(dir: string): Promise<void>;
}

/** The subset of fs.promises.FileHandle the vault uses. */
export interface VaultFileHandle {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  sync(): Promise<void>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

/** The real file system (node:fs/promises). */
export function createFileSystem(): FileSystem {
  return {
    readFile: (path) => fsp.readFile(path),
    async open(path, flags) {
      const fh = await fsp.open(path, flags, 0o600);
      return {
        write: (b, o, l, p) => fh.write(b, o, l, p),
        read: (b, o, l, p) => fh.read(b, o, l, p),
        sync: () => fh.sync(),
        datasync: () => fh.datasync(),
        truncate: (len) => fh.truncate(len),
        size: async () => (await fh.stat()).size,
        close: () => fh.close(),
      };
    },
    rename: (a, b) => fsp.rename(a, b),
    unlink: (p) => fsp.unlink(p),
    mkdir: async (p) => {
      await fsp.mkdir(p, { recursive: true, mode: 0o700 });
    },
    readdir: (p) => fsp.readdir(p),
    async size(path) {
      try {
        return (await fsp.stat(path)).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async syncDir(dir) {
      // Windows cannot open a directory for fsync; NTFS metadata journaling covers renames there.
      if (process.platform === 'win32') return;
      const fh = await fsp.open(dir, constants.O_RDONLY);
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    },
  };
}

/** Writes all of `data` at `position` (or appends when null), looping over short writes. */
export async function writeAll(
  fh: VaultFileHandle,
  data: Uint8Array,
  position: number | null,
): Promise<void> {
  let off = 0;
  while (off < data.length) {
    const { bytesWritten } = await fh.write(
      data,
      off,
      data.length - off,
      position === null ? null : position + off,
    );
    if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
    off += bytesWritten;
  }
}

/** Reads exactly `length` bytes at `position`; returns fewer only at end of file. */
export async function readAt(fh: VaultFileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let off = 0;
  while (off < length) {
    const { bytesRead } = await fh.read(buf, off, length - off, position + off);
    if (bytesRead === 0) break;
    off += bytesRead;
  }
  return off === length ? buf : buf.subarray(0, off);
}

export function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
