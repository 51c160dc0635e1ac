/**
 * Ed25519 signatures of the format: checkpoints (device key) and receipts (server key) carry `sig`
 * = base64 Ed25519 over the JCS form of the object without `sig`.
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { Receipt, type Checkpoint } from '../../../common/audit/checkpoint.schema';
import { signingInput } from '../../../common/audit/jcs';
import type { DeviceIdentity } from './device-identity';

/** Signs a checkpoint body with the device key. */
export function signCheckpoint(identity: DeviceIdentity, body: Omit<Checkpoint, 'sig'>): Checkpoint {
  const unsigned = { ...body, sig: '' };
  const sig = identity.sign(Buffer.from(signingInput(unsigned), 'utf8')).toString('base64');
  return { ...body, sig };
}

/** True when `signed.sig` is a valid Ed25519 signature of its JCS form by `publicKey`; never throws. */
export function verifySignedObject(signed: { sig: string }, publicKey: KeyObject | string): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    const sig = Buffer.from(signed.sig, 'base64');
    if (sig.length !== 64) return false;
    return verify(null, Buffer.from(signingInput(signed), 'utf8'), key, sig);
  } catch {
    return false;
  }
}

/** A receipt that parsed and whose signature verified against the given server key. */
export function verifyReceipt(receipt: unknown, serverPublicKey: KeyObject | string): receipt is Receipt {
  const parsed = Receipt.safeParse(receipt);
  return parsed.success && verifySignedObject(parsed.data, serverPublicKey);
}

/**
 * Signs a receipt as the enterprise server does (the server issue produces real ones); used by
 * tests and by anyone building a compatible server.
 */
export function signReceipt(serverPrivateKey: KeyObject, body: Omit<Receipt, 'sig' | 'v'>): Receipt {
  const unsigned = { v: 1 as const, ...body, sig: '' };
  const sig = sign(null, Buffer.from(signingInput(unsigned), 'utf8'), serverPrivateKey).toString('base64');
  return { v: 1, ...body, sig };
}
