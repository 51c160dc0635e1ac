/** Why a bundle was not accepted. Each is reported through `onRefused` (the audit log records it). */
export type PolicyRefusalCode =
  | 'too-large'
  | 'malformed'
  | 'unsigned'
  | 'unknown-key'
  | 'bad-signature'
  | 'invalid-bundle'
  | 'wrong-tenant'
  | 'rollback'
  | 'expired'
  | 'invalid-policy'
  | 'lockout'
  | 'storage-failed';

/** A refused bundle: what was wrong, in a sentence, plus what could be read of it. */
export interface PolicyRefusal {
  code: PolicyRefusalCode;
  message: string;
  tenant?: string;
  version?: number;
  keyId?: string;
}
