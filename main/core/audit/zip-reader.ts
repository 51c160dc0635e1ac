/**
 * A defensive reader for the bundles we are asked to verify, which may come from anyone. It reads
 * the central directory itself and refuses, before decompressing anything: truncated archives,
 * ZIP64, encryption, methods other than stored/deflate, unsafe member names (`../x`, `/abs`,
 * `C:\x`, backslashes), duplicate names, overlapping members (the "non-recursive zip bomb"),
 * and declared sizes above the limits. While decompressing it stops as soon as a member produces
 * more than it declared, so a bomb costs at most one chunk's expansion.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Inflate } from 'fflate';

export interface ZipLimits {
  maxMembers: number;
  /** Largest uncompressed member. */
  maxMemberBytes: number;
  /** Largest sum of uncompressed members. */
  maxTotalBytes: number;
}

/** Generous for a million-entry bundle (~0.5 GB of entries.jsonl), far below a bomb's appetite. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxMembers: 10_000,
  maxMemberBytes: 0xffff_fffe,
  maxTotalBytes: 8 * 1024 ** 3,
};

/** Why an archive was refused; `member` names the zip member concerned, when there is one. */
export class ZipFormatError extends Error {
  constructor(
    message: string,
    readonly member?: string,
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export interface ZipMember {
  name: string;
  method: 0 | 8;
  compressedSize: number;
  size: number;
  localOffset: number;
  dataOffset: number;
}

export interface ZipReader {
  readonly members: readonly ZipMember[];
  get(name: string): ZipMember | undefined;
  /** Streams a member's uncompressed bytes; throws ZipFormatError if they differ from what it declares. */
  stream(member: ZipMember, onData: (chunk: Uint8Array) => void): Promise<void>;
  /** A whole member, refusing members declared larger than `maxBytes`. */
  readAll(member: ZipMember, maxBytes: number): Promise<Buffer>;
  close(): Promise<void>;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
/** Bytes read from disk at a time. */
const READ_CHUNK = 256 * 1024;
/**
 * Compressed bytes handed to the inflater at a time: deflate expands at most ~1032:1, so one
 * push of a bomb yields at most ~16 MiB before the size check stops it.
 */
const INFLATE_SLICE = 16 * 1024;

/** Rejects anything but plain relative paths of safe segments. */
export function unsafeNameReason(name: string): string | undefined {
  if (name.length === 0 || name.length > 255) return 'empty or overlong name';
  for (const char of name) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === '\\') return 'control characters or backslashes in the name';
  }
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'a path that climbs out of the bundle or has empty segments';
  }
  return undefined;
}

async function readExactly(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw new ZipFormatError('the archive is truncated');
    filled += bytesRead;
  }
  return buffer;
}

export async function openZip(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipReader> {
  const handle = await open(path, 'r');
  try {
    return await readDirectory(handle, limits);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readDirectory(handle: FileHandle, limits: ZipLimits): Promise<ZipReader> {
  const fileSize = (await handle.stat()).size;
  if (fileSize < 22) throw new ZipFormatError('not a zip archive, or truncated (too short)');
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readExactly(handle, tailLength, fileSize - tailLength);
  let eocdAt = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    // The comment length must account for exactly the rest of the file, or this is not the EOCD.
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      eocdAt = i;
      break;
    }
  }
  if (eocdAt < 0)
    throw new ZipFormatError('not a zip archive, or truncated (no end-of-central-directory record)');
  if (eocdAt >= 20 && tail.readUInt32LE(eocdAt - 20) === ZIP64_LOCATOR) {
    throw new ZipFormatError('ZIP64 archives are not accepted');
  }
  const disk = tail.readUInt16LE(eocdAt + 4);
  const cdDisk = tail.readUInt16LE(eocdAt + 6);
  const count = tail.readUInt16LE(eocdAt + 10);
  const cdSize = tail.readUInt32LE(eocdAt + 12);
  const cdOffset = tail.readUInt32LE(eocdAt + 16);
  const eocdOffset = fileSize - tailLength + eocdAt;
  if (disk !== 0 || cdDisk !== 0 || count !== tail.readUInt16LE(eocdAt + 8)) {
    throw new ZipFormatError('multi-part archives are not accepted');
  }
  if (count > limits.maxMembers)
    throw new ZipFormatError(`the archive has ${count} members, more than allowed`);
  if (cdOffset + cdSize > eocdOffset)
    throw new ZipFormatError('the central directory lies outside the archive (truncated?)');

  const cd = await readExactly(handle, cdSize, cdOffset);
  const members: ZipMember[] = [];
  const byName = new Map<string, ZipMember>();
  let declaredTotal = 0;
  let at = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL)
      throw new ZipFormatError('the central directory is damaged');
    const flags = cd.readUInt16LE(at + 8);
    const method = cd.readUInt16LE(at + 10);
    const compressedSize = cd.readUInt32LE(at + 20);
    const size = cd.readUInt32LE(at + 24);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const localOffset = cd.readUInt32LE(at + 42);
    if (at + 46 + nameLength > cd.length) throw new ZipFormatError('the central directory is damaged');
    let name: string;
    try {
      name = decoder.decode(cd.subarray(at + 46, at + 46 + nameLength));
    } catch {
      throw new ZipFormatError('a member name is not valid UTF-8');
    }
    at += 46 + nameLength + extraLength + commentLength;
    const unsafe = unsafeNameReason(name);
    if (unsafe) throw new ZipFormatError(`unsafe member name ${JSON.stringify(name)}: ${unsafe}`, name);
    if (byName.has(name))
      throw new ZipFormatError(`the member name ${JSON.stringify(name)} appears twice`, name);
    if (flags & 1) throw new ZipFormatError('encrypted members are not accepted', name);
    if (method !== 0 && method !== 8)
      throw new ZipFormatError(`compression method ${method} is not accepted`, name);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new ZipFormatError('ZIP64 members are not accepted', name);
    }
    if (size > limits.maxMemberBytes) {
      throw new ZipFormatError(
        `declares ${size} bytes uncompressed, more than the ${limits.maxMemberBytes} allowed`,
        name,
      );
    }
    declaredTotal += size;
    if (declaredTotal > limits.maxTotalBytes) {
      throw new ZipFormatError(`the members declare more than ${limits.maxTotalBytes} bytes in total`, name);
    }
    if (method === 0 && compressedSize !== size)
      throw new ZipFormatError('a stored member has two different sizes', name);
    const member: ZipMember = { name, method, compressedSize, size, localOffset, dataOffset: 0 };
    members.push(member);
    byName.set(name, member);
  }

  // Each member's local header must agree with the directory, and no two members may share bytes.
  const ordered = [...members].sort((a, b) => a.localOffset - b.localOffset);
  for (const [i, member] of ordered.entries()) {
    const local = await readExactly(handle, 30, member.localOffset).catch(() => {
      throw new ZipFormatError('its local header lies outside the archive', member.name);
    });
    if (local.readUInt32LE(0) !== LOCAL) throw new ZipFormatError('its local header is damaged', member.name);
    const nameLength = local.readUInt16LE(26);
    const localName = await readExactly(handle, nameLength, member.localOffset + 30);
    if (localName.toString('utf8') !== member.name || local.readUInt16LE(8) !== member.method) {
      throw new ZipFormatError('its local header disagrees with the central directory', member.name);
    }
    member.dataOffset = member.localOffset + 30 + nameLength + local.readUInt16LE(28);
    const limit = ordered[i + 1]?.localOffset ?? cdOffset;
    if (member.dataOffset + member.compressedSize > limit) {
      throw new ZipFormatError('its data overlaps another member or the directory', member.name);
    }
  }

  let produced = 0;
  const reader: ZipReader = {
    members,
    get: (name) => byName.get(name),
    async stream(member, onData) {
      let count = 0;
      // The consumer's own verdict passes through untouched; only inflate failures are "damaged".
      let consumerError: unknown;
      const take = (chunk: Uint8Array): void => {
        count += chunk.length;
        produced += chunk.length;
        if (count > member.size) {
          throw new ZipFormatError(
            `decompresses to more than the ${member.size} bytes it declares (zip bomb?)`,
            member.name,
          );
        }
        if (produced > limits.maxTotalBytes)
          throw new ZipFormatError('the archive decompresses to too much data', member.name);
        try {
          onData(chunk);
        } catch (error) {
          consumerError = error;
          throw error;
        }
      };
      const inflate = member.method === 8 ? new Inflate((chunk) => take(chunk)) : undefined;
      const buffer = Buffer.allocUnsafe(READ_CHUNK);
      const end = member.dataOffset + member.compressedSize;
      let position = member.dataOffset;
      try {
        if (member.compressedSize === 0 && inflate) inflate.push(new Uint8Array(0), true);
        while (position < end) {
          const length = Math.min(READ_CHUNK, end - position);
          const { bytesRead } = await handle.read(buffer, 0, length, position);
          if (bytesRead === 0) throw new ZipFormatError('the archive is truncated', member.name);
          position += bytesRead;
          const chunk = buffer.subarray(0, bytesRead);
          if (!inflate) take(Buffer.from(chunk));
          for (let at = 0; inflate && at < chunk.length; at += INFLATE_SLICE) {
            const slice = chunk.subarray(at, Math.min(chunk.length, at + INFLATE_SLICE));
            inflate.push(slice, position >= end && at + INFLATE_SLICE >= chunk.length);
          }
        }
      } catch (error) {
        if (error instanceof ZipFormatError || error === consumerError) throw error;
        throw new ZipFormatError(`its compressed data is damaged (${(error as Error).message})`, member.name);
      }
      if (count !== member.size) {
        throw new ZipFormatError(
          `decompresses to ${count} bytes, not the ${member.size} it declares`,
          member.name,
        );
      }
    },
    async readAll(member, maxBytes) {
      if (member.size > maxBytes) {
        throw new ZipFormatError(
          `declares ${member.size} bytes, more than the ${maxBytes} allowed for it`,
          member.name,
        );
      }
      const chunks: Uint8Array[] = [];
      await reader.stream(member, (chunk) => chunks.push(Buffer.from(chunk)));
      return Buffer.concat(chunks);
    },
    close: () => handle.close(),
  };
  return reader;
}
