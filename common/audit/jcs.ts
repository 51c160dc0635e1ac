/**
 * RFC 8785 (JCS) canonical JSON for the audit format. Every hash and signature in §3 is taken over
 * these bytes, so an implementation in another language reproduces them with any JCS library.
 * Hashing itself (SHA-256) lives in main/core/audit: common/ may not import node:crypto.
 */
import canonicalize from 'canonicalize';
import type { AuditEntry, RedactedEntry, UnhashedEntry } from './entry.schema';

/** JCS of a JSON value; throws on what JCS forbids (NaN, Infinity, lone surrogates, undefined). */
export function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** The object a checkpoint or receipt signature covers: itself without `sig`. */
export function signingInput<T extends { sig: string }>(signed: T): string {
  const { sig: _sig, ...unsigned } = signed;
  return jcs(unsigned);
}

const S = JSON.stringify;

/**
 * JCS of `details`. Most details are flat (strings, integers, booleans, null): those are written
 * directly with sorted keys; anything nested goes to the reference serializer. The caller's
 * surrogate check covers the flat path's strings too.
 */
function detailsJcs(details: Record<string, unknown>): string {
  const keys = Object.keys(details);
  let flat = true;
  for (const key of keys) {
    const value = details[key];
    const type = typeof value;
    if (!(
      value === null ||
      type === 'string' ||
      type === 'boolean' ||
      (type === 'number' && Number.isSafeInteger(value))
    )) {
      flat = false;
      break;
    }
  }
  if (!flat) return jcs(details);
  keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    out += `${i === 0 ? '' : ','}${S(key)}:${S(details[key])}`;
  }
  return `${out}}`;
}

function isSafeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * True when `entry` has exactly the v1 keys (plus, optionally, `hash`; required when `withHash`)
 * with the types the fast path assumes. Anything else takes the generic path, so an extra key can
 * never be silently left out of the hash.
 */
function hasPlainShape(entry: Record<string, unknown>, withHash: boolean): boolean {
  let keys = 0;
  for (const key in entry) {
    if (!Object.hasOwn(entry, key)) return false;
    keys += 1;
  }
  const hasHash = Object.hasOwn(entry, 'hash');
  if (keys !== (hasHash ? 13 : 12) || (withHash && typeof entry.hash !== 'string')) return false;
  const resource = entry.resource as Record<string, unknown> | null;
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) return false;
  let resourceKeys = 0;
  for (const key in resource) {
    if (!Object.hasOwn(resource, key)) return false;
    resourceKeys += 1;
  }
  return (
    resourceKeys === 2 &&
    typeof resource.type === 'string' &&
    typeof resource.id === 'string' &&
    isSafeInt(entry.v) &&
    isSafeInt(entry.seq) &&
    isSafeInt(entry.policyVersion) &&
    typeof entry.ts === 'string' &&
    typeof entry.tenant === 'string' &&
    typeof entry.device === 'string' &&
    typeof entry.actor === 'string' &&
    typeof entry.action === 'string' &&
    typeof entry.outcome === 'string' &&
    typeof entry.prev === 'string' &&
    typeof entry.details === 'object' &&
    entry.details !== null &&
    !Array.isArray(entry.details)
  );
}

/**
 * JCS of a v1 entry, optionally with its hash. The fast path writes the keys in their fixed JCS
 * order (UTF-16 code-unit order: action, actor, details, device, hash, outcome, policyVersion,
 * prev, resource, seq, tenant, ts, v) and is ~5× faster than the generic serializer, which is what
 * makes verifying a million entries quick. Strings are serialized by JSON.stringify exactly as JCS
 * prescribes; any escaped surrogate sends the entry through the generic path, which rejects lone
 * surrogates as JCS requires. Tests compare both paths on random entries.
 */
function canonicalEntry(entry: Record<string, unknown>, withHash: boolean): string {
  if (!hasPlainShape(entry, withHash)) {
    if (withHash) return jcs(entry);
    const { hash: _hash, ...unhashed } = entry;
    return jcs(unhashed);
  }
  const r = entry.resource as { type: string; id: string };
  const text =
    `{"action":${S(entry.action)},"actor":${S(entry.actor)},"details":${detailsJcs(entry.details as Record<string, unknown>)},` +
    `"device":${S(entry.device)},${withHash ? `"hash":${S(entry.hash)},` : ''}` +
    `"outcome":${S(entry.outcome)},"policyVersion":${entry.policyVersion as number},"prev":${S(entry.prev)},` +
    `"resource":{"id":${S(r.id)},"type":${S(r.type)}},"seq":${entry.seq as number},` +
    `"tenant":${S(entry.tenant)},"ts":${S(entry.ts)},"v":${entry.v as number}}`;
  if (text.includes('\\ud')) {
    // A surrogate escape (or a literal "\ud" in text): let the reference serializer decide.
    if (withHash) return jcs(entry);
    const { hash: _hash, ...unhashed } = entry;
    return jcs(unhashed);
  }
  return text;
}

/** The exact text whose SHA-256 is an entry's `hash`: JCS of the entry without `hash`. */
export function entryHashInput(entry: UnhashedEntry | AuditEntry | Record<string, unknown>): string {
  return canonicalEntry(entry as Record<string, unknown>, false);
}

/** An entry as one line of entries.jsonl (JCS, hash included, no newline). */
export function entryLine(entry: AuditEntry): string {
  return canonicalEntry(entry as unknown as Record<string, unknown>, true);
}

/** The redacted stand-in for an entry (§3): its links and hash, nothing else. */
export function redactedOf(entry: Pick<AuditEntry, 'seq' | 'device' | 'prev' | 'hash'>): RedactedEntry {
  return { v: 1, seq: entry.seq, device: entry.device, prev: entry.prev, hash: entry.hash, redacted: true };
}

/** A redacted stand-in as one line of entries.jsonl (JCS). */
export function redactedLine(entry: Pick<AuditEntry, 'seq' | 'device' | 'prev' | 'hash'>): string {
  return `{"device":${S(entry.device)},"hash":${S(entry.hash)},"prev":${S(entry.prev)},"redacted":true,"seq":${entry.seq},"v":1}`;
}
