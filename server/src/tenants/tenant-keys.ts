import { type KeyObject, X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import type { Sealer } from '../keys/sealed';
import type { KeyAndCert } from '../ca/x509';
import { createCa } from '../ca/x509';

/** A tenant's keys, unsealed: its device CA, its receipt key and its policy key. */
export interface TenantKeys {
  tenant: string;
  ca: KeyAndCert;
  caCert: X509Certificate;
  /** Ed25519: signs audit receipts. */
  receiptPrivateKey: KeyObject;
  receiptPublicKeyPem: string;
  /** Ed25519: signs the tenant's policy bundles. */
  policyPrivateKey: KeyObject;
  policyPublicKeyPem: string;
}

export interface TenantKeyStore {
  /** The tenant's keys, or null for an unknown tenant. Cached: keys never change once made. */
  load(tenant: string): Promise<TenantKeys | null>;
}

/** AAD of each sealed key names tenant and purpose, so sealed values cannot be swapped around. */
export const purposeOf = (tenant: string, key: 'ca' | 'receipt' | 'policy') => `tenant:${tenant}:${key}`;

export interface NewTenantKeys {
  caCertPem: string;
  row: {
    ca_key_sealed: string;
    receipt_public_key_pem: string;
    receipt_private_key_sealed: string;
    policy_public_key_pem: string;
    policy_private_key_sealed: string;
  };
}

function ed25519(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Makes a tenant's CA and signing keys, private parts sealed under the master key. */
export function generateTenantKeys(tenant: string, tenantName: string, sealer: Sealer): NewTenantKeys {
  const ca = createCa(`StarRing ${tenantName} device CA`, tenant);
  const receipt = ed25519();
  const policy = ed25519();
  return {
    caCertPem: ca.certPem,
    row: {
      ca_key_sealed: sealer.seal(ca.keyPem, purposeOf(tenant, 'ca')),
      receipt_public_key_pem: receipt.publicPem,
      receipt_private_key_sealed: sealer.seal(receipt.privatePem, purposeOf(tenant, 'receipt')),
      policy_public_key_pem: policy.publicPem,
      policy_private_key_sealed: sealer.seal(policy.privatePem, purposeOf(tenant, 'policy')),
    },
  };
}

interface KeyRow {
  ca_cert_pem: string;
  ca_key_sealed: string;
  receipt_public_key_pem: string;
  receipt_private_key_sealed: string;
  policy_public_key_pem: string;
  policy_private_key_sealed: string;
}

async function readKeys(q: Queryable, tenant: string): Promise<KeyRow | undefined> {
  const { rows } = await q.query<KeyRow>(
    `select t.ca_cert_pem, k.ca_key_sealed, k.receipt_public_key_pem, k.receipt_private_key_sealed,
            k.policy_public_key_pem, k.policy_private_key_sealed
       from tenant_keys k join tenants t on t.id = k.tenant_id
      where k.tenant_id = $1`,
    [tenant],
  );
  return rows[0];
}

export function createTenantKeyStore(db: Database, sealer: Sealer): TenantKeyStore {
  const cache = new Map<string, Promise<TenantKeys | null>>();
  async function fetch(tenant: string): Promise<TenantKeys | null> {
    const row = await db.withTenant(tenant, (q) => readKeys(q, tenant));
    if (!row) return null;
    const caKeyPem = sealer.open(row.ca_key_sealed, purposeOf(tenant, 'ca'));
    return {
      tenant,
      ca: { certPem: row.ca_cert_pem, keyPem: caKeyPem },
      caCert: new X509Certificate(row.ca_cert_pem),
      receiptPrivateKey: createPrivateKey(
        sealer.open(row.receipt_private_key_sealed, purposeOf(tenant, 'receipt')),
      ),
      receiptPublicKeyPem: row.receipt_public_key_pem,
      policyPrivateKey: createPrivateKey(
        sealer.open(row.policy_private_key_sealed, purposeOf(tenant, 'policy')),
      ),
      policyPublicKeyPem: row.policy_public_key_pem,
    };
  }
  return {
    load(tenant) {
      let pending = cache.get(tenant);
      if (!pending) {
        pending = fetch(tenant);
        cache.set(tenant, pending);
        // An unknown tenant may be created later; only a found tenant stays cached.
        void pending.then(
          (keys) => keys ?? cache.delete(tenant),
          () => cache.delete(tenant),
        );
      }
      return pending;
    },
  };
}
