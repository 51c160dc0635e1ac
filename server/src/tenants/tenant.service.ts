import type { Database } from '../db/database';
import type { Sealer } from '../keys/sealed';
import { newTenantAdminToken, sha256Hex } from '../admin/tokens';
import { generateTenantKeys } from './tenant-keys';

export interface NewTenant {
  id: string;
  name: string;
  oidcIssuer?: string | undefined;
  oidcClientId?: string | undefined;
}

export class TenantExistsError extends Error {}

/** Creates a tenant with its CA and keys and returns its first admin token (shown once). */
export async function createTenant(
  db: Database,
  sealer: Sealer,
  tenant: NewTenant,
): Promise<{ adminToken: string }> {
  const keys = generateTenantKeys(tenant.id, tenant.name, sealer);
  const adminToken = newTenantAdminToken(tenant.id);
  await db.withTenant(tenant.id, async (q) => {
    const inserted = await q.query(
      `insert into tenants (id, name, ca_cert_pem, oidc_issuer, oidc_client_id)
       values ($1, $2, $3, $4, $5) on conflict (id) do nothing`,
      [tenant.id, tenant.name, keys.caCertPem, tenant.oidcIssuer ?? null, tenant.oidcClientId ?? null],
    );
    if (inserted.rowCount === 0) throw new TenantExistsError(`tenant ${tenant.id} already exists`);
    const k = keys.row;
    await q.query(
      `insert into tenant_keys (tenant_id, ca_key_sealed, receipt_public_key_pem, receipt_private_key_sealed,
                                policy_public_key_pem, policy_private_key_sealed)
       values ($1, $2, $3, $4, $5, $6)`,
      [
        tenant.id,
        k.ca_key_sealed,
        k.receipt_public_key_pem,
        k.receipt_private_key_sealed,
        k.policy_public_key_pem,
        k.policy_private_key_sealed,
      ],
    );
    await q.query(
      `insert into admin_tokens (tenant_id, token_sha256, label) values ($1, $2, 'first admin token')`,
      [tenant.id, sha256Hex(adminToken)],
    );
  });
  return { adminToken };
}
