/**
 * The server's countersignature on an accepted range (§3): a Receipt per
 * common/audit/checkpoint.schema.ts, signed with the same JCS-without-sig rule as checkpoints, so
 * the device and any bundle verifier check it with main/core/audit/audit-signature.ts.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Receipt } from '../../../common/audit/checkpoint.schema';
import { signReceipt } from '../../../main/core/audit/audit-signature';

/** Signs receipts with one Ed25519 key (the tenant's receipt key). */
export interface ReceiptSigner {
  readonly publicKeyPem: string;
  sign(range: { device: string; from: number; to: number; head: string; receivedAt: Date }): Receipt;
}

export function createReceiptSigner(privateKey: KeyObject): ReceiptSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('The receipt key must be an Ed25519 private key.');
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return {
    publicKeyPem,
    sign: ({ device, from, to, head, receivedAt }) =>
      signReceipt(privateKey, { device, from, to, head, receivedAt: receivedAt.toISOString() }),
  };
}
