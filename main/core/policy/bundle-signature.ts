import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { policyBundleSigningInput } from '../../../common/policy/bundle-signing-input';
import type { PolicyBundle, SignedPolicyBundle } from '../../../common/policy/policy-bundle';

/** A tenant policy key this device trusts (from managed PolicyPublicKey). */
export interface TrustedKey {
  keyId: string;
  publicKey: KeyObject;
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new Error('The policy key must be an Ed25519 key.');
  }
  return Buffer.from(jwk.x, 'base64url');
}

/** First 16 hex digits of SHA-256 over the raw 32-byte public key (see common/policy/policy-bundle.ts). */
export function policyKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

/** Parses a PEM public key (SPKI) — or derives it from a private key — and checks it is Ed25519. */
export function trustedKeyFromPem(pem: string): TrustedKey {
  const publicKey = createPublicKey(pem);
  return { keyId: policyKeyId(publicKey), publicKey };
}

/** A freshly generated tenant policy key (`starring policy keygen`). */
export interface PolicyKeyPair {
  keyId: string;
  /** PKCS#8 PEM: keep it offline; whoever holds it decides what every device allows. */
  privateKeyPem: string;
  /** SPKI PEM: what managed configuration's PolicyPublicKey carries. */
  publicKeyPem: string;
}

/** A new Ed25519 policy key pair, as PEM. */
export function generatePolicyKeyPair(): PolicyKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyId: policyKeyId(publicKey),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** Signs the JCS bytes of `bundle` with an Ed25519 private key (PEM or KeyObject). */
export function signPolicyBundle(bundle: PolicyBundle, privateKey: string | KeyObject): SignedPolicyBundle {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The signing key must be an Ed25519 private key.');
  const sig = sign(null, policyBundleSigningInput(bundle), key).toString('base64');
  return { bundle, sig, keyId: policyKeyId(createPublicKey(key)) };
}

/** True when `envelope.sig` is a valid signature of its bundle by `key`. */
export function verifyPolicySignature(envelope: SignedPolicyBundle, key: TrustedKey): boolean {
  return verify(
    null,
    policyBundleSigningInput(envelope.bundle),
    key.publicKey,
    Buffer.from(envelope.sig, 'base64'),
  );
}
