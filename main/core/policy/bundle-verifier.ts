import {
  MAX_POLICY_BUNDLE_BYTES,
  PolicyBundle,
  SignedPolicyBundle,
} from '../../../common/policy/policy-bundle';
import { verifyPolicySignature, type TrustedKey } from './bundle-signature';
import type { PolicyRefusal } from './policy-refusal';

/** A bundle whose envelope, signature and shape hold — not yet checked for version, expiry or Cedar. */
export interface AuthenticBundle {
  bundle: PolicyBundle;
  keyId: string;
  envelope: SignedPolicyBundle;
}

export type OpenResult = { ok: true; value: AuthenticBundle } | { ok: false; refusal: PolicyRefusal };

const refuse = (refusal: PolicyRefusal): OpenResult => ({ ok: false, refusal });

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') || '(root)';
  return `${path}: ${issue?.message ?? 'invalid'}`;
}

/**
 * Checks, in order and stopping at the first failure: size (before parsing a byte), JSON, the
 * envelope, a known key, the signature, then the bundle's shape. Shape comes after the signature
 * so that a tampered file reports "tampered", not whatever field the tampering broke.
 */
export function openSignedBundle(raw: string | Uint8Array, trustedKeys: readonly TrustedKey[]): OpenResult {
  const bytes = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
  if (bytes > MAX_POLICY_BUNDLE_BYTES) {
    return refuse({
      code: 'too-large',
      message: `The policy bundle is ${bytes} bytes; bundles over ${MAX_POLICY_BUNDLE_BYTES} bytes are refused unread.`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return refuse({ code: 'malformed', message: 'The policy bundle is not valid UTF-8 JSON.' });
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && !('sig' in json)) {
    return refuse({
      code: 'unsigned',
      message:
        "The policy bundle is not signed: only bundles signed by your organisation's policy key are accepted.",
    });
  }
  const envelope = SignedPolicyBundle.safeParse(json);
  if (!envelope.success) {
    return refuse({
      code: 'malformed',
      message: `The signed bundle envelope is malformed: ${firstIssue(envelope.error)}.`,
    });
  }
  const { keyId } = envelope.data;
  const key = trustedKeys.find((candidate) => candidate.keyId === keyId);
  if (!key) {
    return refuse({
      code: 'unknown-key',
      keyId,
      message:
        trustedKeys.length === 0
          ? `The bundle is signed by key ${keyId}, but no policy key is configured on this device (managed setting PolicyPublicKey).`
          : `The bundle is signed by key ${keyId}, which is not a policy key this device trusts (${trustedKeys.map((k) => k.keyId).join(', ')}).`,
    });
  }
  if (!verifyPolicySignature(envelope.data, key)) {
    return refuse({
      code: 'bad-signature',
      keyId,
      message: `The bundle's signature does not match its content: it was altered after signing, or not signed by key ${keyId}.`,
    });
  }
  const bundle = PolicyBundle.safeParse(envelope.data.bundle);
  if (!bundle.success) {
    return refuse({
      code: 'invalid-bundle',
      keyId,
      message: `The signed bundle is not a valid policy bundle: ${firstIssue(bundle.error)}.`,
    });
  }
  return { ok: true, value: { bundle: bundle.data, keyId, envelope: envelope.data } };
}

/**
 * Reads a bundle WITHOUT checking its signature — for `policy show` and `explain` on a draft.
 * Accepts a signed envelope or a bare bundle. Never use it to decide what a device enforces.
 */
export function readBundleUnverified(
  raw: string,
): { ok: true; bundle: PolicyBundle; keyId: string | null } | { ok: false; message: string } {
  if (Buffer.byteLength(raw, 'utf8') > MAX_POLICY_BUNDLE_BYTES) {
    return { ok: false, message: `The file is larger than ${MAX_POLICY_BUNDLE_BYTES} bytes.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, message: `Not JSON: ${(error as Error).message}` };
  }
  const envelope = SignedPolicyBundle.safeParse(json);
  const bundle = PolicyBundle.safeParse(envelope.success ? envelope.data.bundle : json);
  if (!bundle.success) return { ok: false, message: `Not a policy bundle: ${firstIssue(bundle.error)}` };
  return { ok: true, bundle: bundle.data, keyId: envelope.success ? envelope.data.keyId : null };
}
