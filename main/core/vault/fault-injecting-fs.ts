import { createFileSystem, type FileSystem, type VaultFileHandle } from './file-system';

/** Which operation a fault applies to. */
export interface FaultPoint {
  op: 'write' | 'sync' | 'rename' | 'open';
  path: string;
}

/**
 * TEST DOUBLE: a FileSystem that fails on demand, for disk-full and I/O-error
 * tests. A failing write first writes half of its bytes, like a real ENOSPC in
 * the middle of a write, so callers' clean-up of partial data is exercised.
 */
export interface FaultInjectingFileSystem extends FileSystem {
  /** Fail every operation for which `when` returns true, with errno `code`. */
  arm(when: (p: FaultPoint) => boolean, code?: string): void;
  disarm(): void;
  /** Operations failed since the last arm(). */
  readonly failures: number;
}

export function createFaultInjectingFileSystem(
  inner: FileSystem = createFileSystem(),
): FaultInjectingFileSystem {
  let when: ((p: FaultPoint) => boolean) | undefined;
  let code = 'ENOSPC';
  let failures = 0;
  const fail = (p: FaultPoint): boolean => {
    if (!when?.(p)) return false;
    failures++;
    return true;
  };
  const error = (p: FaultPoint) =>
    Object.assign(new Error(`${code}: injected fault, ${p.op} '${p.path}'`), {
      code,
      errno: code === 'ENOSPC' ? -28 : -5,
      syscall: p.op,
      path: p.path,
    });

  const wrap = (fh: VaultFileHandle, path: string): VaultFileHandle => ({
    async write(buffer, offset, length, position) {
      if (fail({ op: 'write', path })) {
        const half = Math.floor(length / 2);
        if (half > 0) await fh.write(buffer, offset, half, position);
        throw error({ op: 'write', path });
      }
      return fh.write(buffer, offset, length, position);
    },
    read: (b, o, l, p) => fh.read(b, o, l, p),
    async sync() {
      if (fail({ op: 'sync', path })) throw error({ op: 'sync', path });
      return fh.sync();
    },
    async datasync() {
      if (fail({ op: 'sync', path })) throw error({ op: 'sync', path });
      return fh.datasync();
    },
    truncate: (len) => fh.truncate(len),
    size: () => fh.size(),
    close: () => fh.close(),
  });

  return {
    arm(w, c = 'ENOSPC') {
      when = w;
      code = c;
      failures = 0;
    },
    disarm() {
      when = undefined;
    },
    get failures() {
      return failures;
    },
    readFile: (p) => inner.readFile(p),
    async open(path, flags) {
      if (flags !== 'r' && fail({ op: 'open', path })) throw error({ op: 'open', path });
      return wrap(await inner.open(path, flags), path);
    },
    async rename(from, to) {
      if (fail({ op: 'rename', path: to })) throw error({ op: 'rename', path: to });
      return inner.rename(from, to);
    },
    unlink: (p) => inner.unlink(p),
    mkdir: (p) => inner.mkdir(p),
    readdir: (p) => inner.readdir(p),
    size: (p) => inner.size(p),
    syncDir: (d) => inner.syncDir(d),
  };
}
