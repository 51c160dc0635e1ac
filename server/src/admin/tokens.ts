import { createHash, randomBytes } from 'node:crypto';

/** Secrets are stored only as SHA-256; the secret itself is shown once. */
export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** An operator (super-admin) token: may create tenants. */
export const newOperatorToken = () => `sro_${randomBytes(32).toString('base64url')}`;

/**
 * A tenant admin token names its tenant (`sra_<tenant>_<secret>`) so its lookup runs inside that
 * tenant's RLS scope; tenant ids never contain `_`.
 */
export const newTenantAdminToken = (tenant: string) =>
  `sra_${tenant}_${randomBytes(32).toString('base64url')}`;

export type ParsedToken = { kind: 'operator' } | { kind: 'tenant-admin'; tenant: string };

export function parseToken(token: string): ParsedToken | null {
  if (/^sro_[A-Za-z0-9_-]{43}$/.test(token)) return { kind: 'operator' };
  const match = /^sra_([a-z0-9][a-z0-9-]{1,62})_[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? { kind: 'tenant-admin', tenant: match[1]! } : null;
}

/** Enrollment codes: 16 characters of Crockford base32 (80 bits), shown as XXXX-XXXX-XXXX-XXXX. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newEnrollmentCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code.match(/.{4}/g)!.join('-');
}

/** What is hashed: case and separators do not matter to a person typing the code. */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
