/**
 * Streams entries.jsonl out of a bundle and checks every line as it arrives: format, link to the
 * line before (per device, from the manifest's anchor), hash of full entries, agreement with
 * checkpoints and receipts. Returns the file's SHA-256 for the caller to compare with the
 * manifest. Memory stays bounded by the longest line, whatever the number of entries.
 */
import { createHash } from 'node:crypto';
import { BUNDLE_FILES, type BundleAnchor } from '../../../common/audit/manifest.schema';
import type { ChainPoint } from './audit-store';
import { failBundle as fail } from './bundle-failure';
import { checkEntryHash, checkLink } from './chain-check';
import type { ZipReader } from './zip-reader';

/** Per device: where its chain stands while entries.jsonl streams past. */
export interface DeviceChainState {
  anchor: BundleAnchor;
  cursor: ChainPoint;
  /** seq → hash that a checkpoint or receipt in the bundle signed. */
  expected: Map<number, string>;
  entries: number;
  redacted: number;
}

const MAX_LINE = 16 * 1024 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;
const DEVICE = /^[0-9a-f]{32}$/;
const ENTRY_KEYS = [
  'action',
  'actor',
  'details',
  'device',
  'hash',
  'outcome',
  'policyVersion',
  'prev',
  'resource',
  'seq',
  'tenant',
  'ts',
  'v',
];
const REDACTED_KEYS = ['device', 'hash', 'prev', 'redacted', 'seq', 'v'];

/** Checks the fields the chain depends on; the hash check covers the rest of a full entry. */
function shapeProblem(line: Record<string, unknown>): string | undefined {
  const keys = Object.keys(line).sort();
  const redacted = line.redacted === true;
  const expected = redacted ? REDACTED_KEYS : ENTRY_KEYS;
  if (keys.length !== expected.length || keys.some((key, i) => key !== expected[i])) {
    return redacted
      ? 'a redacted line must have exactly v, seq, device, prev, hash, redacted'
      : 'the entry does not have exactly the v1 fields';
  }
  if (line.v !== 1) return 'unknown entry version';
  if (typeof line.seq !== 'number' || !Number.isSafeInteger(line.seq) || line.seq < 1)
    return 'seq is not a positive integer';
  if (
    typeof line.prev !== 'string' ||
    !HEX64.test(line.prev) ||
    typeof line.hash !== 'string' ||
    !HEX64.test(line.hash)
  ) {
    return 'prev or hash is not 64 lowercase hex digits';
  }
  if (!redacted) {
    if (
      typeof line.resource !== 'object' ||
      line.resource === null ||
      typeof line.details !== 'object' ||
      line.details === null
    ) {
      return 'resource or details is not an object';
    }
    if (typeof line.policyVersion !== 'number' || !Number.isSafeInteger(line.policyVersion))
      return 'policyVersion is not an integer';
  }
  return undefined;
}

/** Checks every line of entries.jsonl; returns the file's SHA-256 (hex). */
export async function checkEntriesFile(
  zip: ZipReader,
  states: Map<string, DeviceChainState>,
): Promise<string> {
  const file = BUNDLE_FILES.entries;
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let partial = '';
  let lineNo = 0;
  let lastDevice: string | undefined;
  let lastSeq: number | undefined;

  const checkLine = (text: string): void => {
    lineNo += 1;
    const hint = { device: lastDevice, seq: lastSeq === undefined ? undefined : lastSeq + 1 };
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      fail({ file, ...hint, message: `line ${lineNo} is not valid JSON: the entry was altered` });
    }
    if (typeof line !== 'object' || line === null || Array.isArray(line))
      fail({ file, ...hint, message: `line ${lineNo} is not an object` });
    const device = typeof line.device === 'string' && DEVICE.test(line.device) ? line.device : undefined;
    const seq = typeof line.seq === 'number' ? line.seq : undefined;
    const where = { file, device: device ?? hint.device, seq: seq ?? hint.seq };
    const shape = shapeProblem(line);
    if (shape || device === undefined || seq === undefined)
      fail({ ...where, message: `line ${lineNo}: ${shape ?? 'bad device'}` });
    const state =
      states.get(device) ?? fail({ ...where, message: 'no anchor in the manifest for this device' });
    const problem =
      checkLink(state.cursor, line as { seq: number; prev: string }) ??
      (line.redacted === true ? undefined : checkEntryHash(line));
    if (problem) fail({ ...where, message: problem });
    const signed = state.expected.get(seq);
    if (signed !== undefined && signed !== line.hash)
      fail({ ...where, message: 'the entry differs from what a checkpoint or receipt signed' });
    state.cursor = { seq, hash: line.hash as string };
    state.entries += 1;
    if (line.redacted === true) state.redacted += 1;
    lastDevice = device;
    lastSeq = seq;
  };

  const take = (text: string): void => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = partial + text.slice(start, nl);
      partial = '';
      if (line.length === 0) fail({ file, message: `line ${lineNo + 1} is empty` });
      checkLine(line);
      start = nl + 1;
    }
    partial += text.slice(start);
    if (partial.length > MAX_LINE)
      fail({ file, message: `line ${lineNo + 1} is longer than ${MAX_LINE} characters` });
  };

  const member = zip.get(file);
  if (!member) fail({ file, message: 'missing from the bundle' });
  await zip.stream(member, (chunk) => {
    hash.update(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      fail({ file, message: `not valid UTF-8 after line ${lineNo}` });
    }
    take(text);
  });
  take(decoder.decode());
  if (partial.length > 0) fail({ file, message: `the last line is not terminated: the file is truncated` });
  return hash.digest('hex');
}
