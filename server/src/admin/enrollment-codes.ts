import type { Database } from '../db/database';
import { newEnrollmentCode, normalizeEnrollmentCode, sha256Hex } from './tokens';

/** Issues a one-time enrollment code for `tenant`; returns it (shown once; only its hash is kept). */
export async function issueEnrollmentCode(
  db: Database,
  tenant: string,
  options: { ttlHours: number; label?: string | undefined; now: Date },
): Promise<{ code: string; expiresAt: Date }> {
  const code = newEnrollmentCode();
  const expiresAt = new Date(options.now.getTime() + options.ttlHours * 3_600_000);
  await db.withTenant(tenant, (q) =>
    q.query(
      'insert into enrollment_codes (tenant_id, code_sha256, label, expires_at) values ($1, $2, $3, $4)',
      [tenant, sha256Hex(normalizeEnrollmentCode(code)), options.label ?? null, expiresAt],
    ),
  );
  return { code, expiresAt };
}
