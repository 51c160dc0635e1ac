import { hostname } from 'node:os';
import type { Database } from '../db/database';
import type { Sealer } from '../keys/sealed';
import { createCa, issueServerCertificate } from './x509';

/** The key and certificate the server's HTTPS listener presents, and the CA a client pins. */
export interface ServerTls {
  keyPem: string;
  certPem: string;
  /** What clients trust the server under (ServerCaCertificate in managed configuration). */
  caCertPem: string;
}

const PURPOSE_CA = 'server-tls:ca';
const PURPOSE_KEY = 'server-tls:key';

export const defaultHostnames = () => ['localhost', '127.0.0.1', '::1', hostname()];

interface Row {
  ca_cert_pem: string;
  cert_pem: string;
  key_sealed: string;
}

/**
 * The server's own TLS identity, made on first start: one installation CA (kept apart from the
 * tenant CAs, because one listener serves every tenant) and a server certificate it signs, stored
 * sealed in the database so instances behind a load balancer share them.
 */
export async function ensureServerTls(db: Database, sealer: Sealer, hostnames: string[]): Promise<ServerTls> {
  const read = () =>
    db.withoutTenant(
      async (q) =>
        (await q.query<Row>('select ca_cert_pem, cert_pem, key_sealed from server_tls where id = 1')).rows[0],
    );
  let row = await read();
  if (!row) {
    const ca = createCa('StarRing server CA', 'StarRing Workspace server');
    const server = issueServerCertificate(ca, hostnames);
    await db.withoutTenant((q) =>
      q.query(
        `insert into server_tls (id, ca_cert_pem, ca_key_sealed, cert_pem, key_sealed)
         values (1, $1, $2, $3, $4) on conflict (id) do nothing`,
        [
          ca.certPem,
          sealer.seal(ca.keyPem, PURPOSE_CA),
          server.certPem,
          sealer.seal(server.keyPem, PURPOSE_KEY),
        ],
      ),
    );
    row = (await read())!;
  }
  return {
    caCertPem: row.ca_cert_pem,
    certPem: row.cert_pem,
    keyPem: sealer.open(row.key_sealed, PURPOSE_KEY),
  };
}
