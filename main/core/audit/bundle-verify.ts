/**
 * Verifies an audit bundle (§3) from the bytes alone, without our store or keys: the manifest
 * signature, every file's SHA-256, every entry hash and chain link from the anchors, every
 * checkpoint and receipt signature, and that each device's last entry is checkpointed. Reports the
 * FIRST failure with the file, device and seq it concerns; never throws, whatever the input.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import { Checkpoint, Receipt } from '../../../common/audit/checkpoint.schema';
import { BUNDLE_FILES, deviceKeyPath, type BundleManifest } from '../../../common/audit/manifest.schema';
import { sha256Hex } from './audit-hash';
import { verifySignedObject } from './audit-signature';
import { checkCheckpointSequence } from './chain-check';
import { checkEntriesFile, type DeviceChainState } from './bundle-entries-check';
import { BundleFailureError, failBundle as fail, type BundleFailure } from './bundle-failure';
import { checkManifest, sameKey } from './bundle-manifest-check';
import { DEFAULT_ZIP_LIMITS, openZip, ZipFormatError, type ZipLimits, type ZipReader } from './zip-reader';

export type { BundleFailure } from './bundle-failure';

/** What a valid bundle holds, for the CLI and the Audit view. */
export interface BundleSummary {
  signer: string;
  createdAt: string;
  createdBy: string;
  filter: BundleManifest['filter'];
  files: number;
  checkpoints: number;
  receipts: number;
  devices: Array<{
    id: string;
    anchorSeq: number;
    lastSeq: number;
    head: string;
    entries: number;
    redacted: number;
  }>;
}

/** Valid with a summary, or the first failure. */
export type VerifyBundleResult = { ok: true; summary: BundleSummary } | { ok: false; failure: BundleFailure };

/** Optional trust anchors and limits. */
export interface VerifyBundleOptions {
  limits?: Partial<ZipLimits>;
  /** Device public keys (PEM) known from the device registry; the signer must be one of them. */
  trustedDeviceKeys?: readonly string[];
  /** The server key (PEM) receipts must verify against; defaults to keys/server.pub.pem. */
  serverPublicKeyPem?: string;
}

const SMALL_FILE = 64 * 1024;
const SIGNED_LIST_MAX = 256 * 1024 * 1024;

/** Verifies the bundle at `path`; resolves (never rejects) with the verdict. */
export async function verifyBundle(
  path: string,
  options: VerifyBundleOptions = {},
): Promise<VerifyBundleResult> {
  let zip: ZipReader | undefined;
  try {
    zip = await openZip(path, { ...DEFAULT_ZIP_LIMITS, ...options.limits });
    return { ok: true, summary: await verifyOpened(zip, options) };
  } catch (error) {
    if (error instanceof BundleFailureError) return { ok: false, failure: error.failure };
    if (error instanceof ZipFormatError) {
      return { ok: false, failure: { file: error.member ?? basename(path), message: error.message } };
    }
    const message =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file does not exist'
        : String((error as Error).message ?? error);
    return { ok: false, failure: { file: basename(path), message: `cannot be read: ${message}` } };
  } finally {
    await zip?.close().catch(() => undefined);
  }
}

async function verifyOpened(zip: ZipReader, options: VerifyBundleOptions): Promise<BundleSummary> {
  const { manifest, keys, listed } = await checkManifest(zip, options.trustedDeviceKeys);

  /** Reads a listed member whole and checks it against its manifest hash. */
  const readListed = async (path: string, max: number): Promise<Buffer> => {
    const data = await zip.readAll(zip.get(path) as NonNullable<ReturnType<ZipReader['get']>>, max);
    if (sha256Hex(data) !== listed.get(path)?.sha256 || data.length !== listed.get(path)?.bytes)
      fail({ file: path, message: 'its SHA-256 does not match the manifest: the file was changed' });
    return data;
  };

  // 3. Keys.
  for (const device of manifest.devices) {
    const pem = (await readListed(deviceKeyPath(device.id), SMALL_FILE)).toString('utf8');
    if (pem !== device.publicKeyPem)
      fail({
        file: deviceKeyPath(device.id),
        device: device.id,
        message: 'the key file differs from the manifest',
      });
  }

  // 4. Checkpoints: schema, device, signatures and per-device chains.
  const checkpoints = parseLines(
    await readListed(BUNDLE_FILES.checkpoints, SIGNED_LIST_MAX),
    BUNDLE_FILES.checkpoints,
    (value) => Checkpoint.safeParse(value),
  );
  const perDevice = new Map<string, Checkpoint[]>();
  for (const checkpoint of checkpoints) {
    if (!keys.has(checkpoint.device))
      fail({
        file: BUNDLE_FILES.checkpoints,
        device: checkpoint.device,
        seq: checkpoint.seq,
        message: 'a checkpoint names a device the manifest does not list',
      });
    perDevice.set(checkpoint.device, [...(perDevice.get(checkpoint.device) ?? []), checkpoint]);
  }
  for (const [device, list] of perDevice) {
    const bad = checkCheckpointSequence(list, keys.get(device) as KeyObject);
    if (bad)
      fail({
        file: BUNDLE_FILES.checkpoints,
        device,
        seq: list[bad.index]?.seq,
        message: `checkpoint at seq ${list[bad.index]?.seq}: ${bad.problem}`,
      });
  }

  // 5. Receipts.
  const receiptsBytes = await readListed(BUNDLE_FILES.receipts, SIGNED_LIST_MAX);
  const receipts = parseLines(receiptsBytes, BUNDLE_FILES.receipts, (value) => Receipt.safeParse(value));
  if (receipts.length > 0) {
    if (!listed.has(BUNDLE_FILES.serverKey))
      fail({ file: BUNDLE_FILES.serverKey, message: 'receipts are present but the server key is missing' });
    const serverPem = (await readListed(BUNDLE_FILES.serverKey, SMALL_FILE)).toString('utf8');
    let serverKey: KeyObject;
    try {
      serverKey = createPublicKey(serverPem);
    } catch {
      fail({ file: BUNDLE_FILES.serverKey, message: 'not a valid public key' });
    }
    if (options.serverPublicKeyPem && !sameKey(serverKey, options.serverPublicKeyPem)) {
      fail({ file: BUNDLE_FILES.serverKey, message: 'the server key is not the trusted server key' });
    }
    for (const receipt of receipts) {
      if (!keys.has(receipt.device))
        fail({
          file: BUNDLE_FILES.receipts,
          device: receipt.device,
          seq: receipt.to,
          message: 'a receipt names a device the manifest does not list',
        });
      if (!verifySignedObject(receipt, serverKey))
        fail({
          file: BUNDLE_FILES.receipts,
          device: receipt.device,
          seq: receipt.to,
          message: 'the receipt signature does not verify with the server key',
        });
    }
  }

  // 6. Entries: the chains, streamed.
  const states = new Map<string, DeviceChainState>();
  for (const anchor of manifest.anchors) {
    if (!keys.has(anchor.device) || states.has(anchor.device))
      fail({
        file: BUNDLE_FILES.manifest,
        device: anchor.device,
        message: 'an anchor names an unknown device, or a device twice',
      });
    const expected = new Map<number, string>();
    for (const checkpoint of perDevice.get(anchor.device) ?? []) {
      if (checkpoint.seq === anchor.seq && checkpoint.head !== anchor.hash) {
        fail({
          file: BUNDLE_FILES.checkpoints,
          device: anchor.device,
          seq: checkpoint.seq,
          message: 'the checkpoint at the anchor does not match the anchor hash',
        });
      }
      if (checkpoint.seq > anchor.seq) expected.set(checkpoint.seq, checkpoint.head);
    }
    for (const receipt of receipts) {
      if (receipt.device !== anchor.device) continue;
      if (receipt.to === anchor.seq && receipt.head !== anchor.hash) {
        fail({
          file: BUNDLE_FILES.receipts,
          device: anchor.device,
          seq: receipt.to,
          message: 'the receipt at the anchor does not match the anchor hash',
        });
      }
      if (receipt.to > anchor.seq) expected.set(receipt.to, receipt.head);
    }
    states.set(anchor.device, {
      anchor,
      cursor: { seq: anchor.seq, hash: anchor.hash },
      expected,
      entries: 0,
      redacted: 0,
    });
  }
  const entriesSha256 = await checkEntriesFile(zip, states);
  for (const [device, state] of states) {
    if (state.entries === 0) continue;
    const covered = (perDevice.get(device) ?? []).some(
      (c) => c.seq === state.cursor.seq && c.head === state.cursor.hash,
    );
    if (!covered)
      fail({
        file: BUNDLE_FILES.checkpoints,
        device,
        seq: state.cursor.seq,
        message: `the last entry (seq ${state.cursor.seq}) is not covered by a checkpoint: entries were appended after signing`,
      });
  }

  if (
    entriesSha256 !== listed.get(BUNDLE_FILES.entries)?.sha256 ||
    zip.get(BUNDLE_FILES.entries)?.size !== listed.get(BUNDLE_FILES.entries)?.bytes
  ) {
    fail({
      file: BUNDLE_FILES.entries,
      message: 'its SHA-256 does not match the manifest: the file was changed after signing',
    });
  }

  // 7. Every other listed file: its hash.
  for (const file of listed.values()) {
    if (
      file.path === BUNDLE_FILES.entries ||
      file.path === BUNDLE_FILES.checkpoints ||
      file.path === BUNDLE_FILES.receipts
    )
      continue;
    if (file.path === BUNDLE_FILES.serverKey && receipts.length > 0) continue;
    if (
      file.path.startsWith('keys/device-') &&
      manifest.devices.some((d) => deviceKeyPath(d.id) === file.path)
    )
      continue;
    const hash = createHash('sha256');
    await zip.stream(zip.get(file.path) as NonNullable<ReturnType<ZipReader['get']>>, (chunk) =>
      hash.update(chunk),
    );
    if (hash.digest('hex') !== file.sha256 || zip.get(file.path)?.size !== file.bytes)
      fail({ file: file.path, message: 'its SHA-256 does not match the manifest: the file was changed' });
  }

  return {
    signer: manifest.signer,
    createdAt: manifest.createdAt,
    createdBy: manifest.createdBy,
    filter: manifest.filter,
    files: listed.size,
    checkpoints: checkpoints.length,
    receipts: receipts.length,
    devices: [...states.entries()].map(([id, state]) => ({
      id,
      anchorSeq: state.anchor.seq,
      lastSeq: state.cursor.seq,
      head: state.cursor.hash,
      entries: state.entries,
      redacted: state.redacted,
    })),
  };
}

/** Parses a small JSON-lines file, failing on the first bad line with its number. */
function parseLines<T extends { device: string }>(
  data: Buffer,
  file: string,
  parse: (value: unknown) => { success: true; data: T } | { success: false },
): T[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    fail({ file, message: 'not valid UTF-8' });
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, index) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      fail({ file, message: `line ${index + 1} is not valid JSON` });
    }
    const result = parse(value);
    if (!result.success) fail({ file, message: `line ${index + 1} does not follow the format` });
    return result.data;
  });
}
