import type { Database } from '../db/database';

/** Every tenant's CA certificate: the TLS trust list for client certificates. */
export async function allTenantCaPems(db: Database): Promise<string[]> {
  const { rows } = await db.withoutTenant((q) =>
    q.query<{ ca_cert_pem: string }>('select ca_cert_pem from tenants order by id'),
  );
  return rows.map((row) => row.ca_cert_pem);
}
