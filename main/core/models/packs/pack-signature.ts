/**
 * The pack's identity and optional signature. Both are computed over the JCS (RFC 8785) form of
 * the manifest without its `signature`, so whitespace and key order do not matter, re-signing does
 * not change the identity, and the hash covers every file's sha256 — one hash names the exact bytes.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { PackManifest, PackSignature } from '../../../../common/models/pack-manifest';

/** The bytes that are hashed and signed. */
export function manifestSigningPayload(manifest: PackManifest): Buffer {
  const { signature: _signature, ...unsigned } = manifest;
  const text = canonicalize(unsigned);
  if (text === undefined) throw new Error('manifest cannot be canonicalized');
  return Buffer.from(text, 'utf8');
}

/** The pack hash: sha256 hex of the canonical unsigned manifest. Policy allowlists name this. */
export function packHash(manifest: PackManifest): string {
  return createHash('sha256').update(manifestSigningPayload(manifest)).digest('hex');
}

/** A trusted organisation key, as IT configures it (PEM or a KeyObject). */
export interface TrustedPackKey {
  keyId: string;
  publicKey: string | KeyObject;
}

/** Signs a manifest with an Ed25519 private key (PEM or KeyObject); returns the signed copy. */
export function signManifest(
  manifest: PackManifest,
  keyId: string,
  privateKey: string | KeyObject,
): PackManifest {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  const value = sign(null, manifestSigningPayload(manifest), key).toString('base64');
  const signature: PackSignature = { alg: 'Ed25519', keyId, value };
  return { ...manifest, signature };
}

export type SignatureState = 'unsigned' | 'valid' | 'invalid' | 'unknown-key';

/** Checks the signature against the trusted keys; never throws for a bad signature. */
export function checkManifestSignature(manifest: PackManifest, trusted: TrustedPackKey[]): SignatureState {
  const signature = manifest.signature;
  if (!signature) return 'unsigned';
  const entry = trusted.find((key) => key.keyId === signature.keyId);
  if (!entry) return 'unknown-key';
  try {
    const key = typeof entry.publicKey === 'string' ? createPublicKey(entry.publicKey) : entry.publicKey;
    const ok = verify(null, manifestSigningPayload(manifest), key, Buffer.from(signature.value, 'base64'));
    return ok ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}
