import type { preHandlerAsyncHookHandler } from 'fastify';
import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { DeviceId } from '../../../common/audit/entry.schema';
import { TenantSlug } from '../../../common/sync/server-api';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import type { TenantKeyStore } from '../tenants/tenant-keys';

/** `CN=…\nO=…` (node:crypto's subject format) → the value of one attribute. */
function subjectField(subject: string, name: string): string | undefined {
  for (const line of subject.split('\n')) {
    const [key, ...value] = line.split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

const refuse = (status: number, code: string, message: string) => new HttpError(status, code, message);

/**
 * mTLS for device routes. The TLS layer checked the chain against all tenant CAs together; this hook
 * checks the certificate against the CA of the tenant it names (O=), then the device row: known, same
 * certificate serial, not revoked. Tenant and device come from the certificate only.
 */
export function createDeviceAuth(db: Database, tenantKeys: TenantKeyStore): preHandlerAsyncHookHandler {
  return async function deviceAuth(request) {
    const socket = request.raw.socket as Partial<TLSSocket>;
    const peer =
      typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(false) : undefined;
    if (!peer || !peer.raw) {
      throw refuse(
        401,
        'DEVICE_CERT_REQUIRED',
        'this route needs the device certificate from enrollment (mutual TLS)',
      );
    }
    if (!socket.authorized) {
      throw refuse(
        401,
        'DEVICE_CERT_UNTRUSTED',
        `the client certificate is not trusted (${String(socket.authorizationError ?? 'unknown issuer')})`,
      );
    }
    const cert = new X509Certificate(peer.raw);
    const tenant = TenantSlug.safeParse(subjectField(cert.subject, 'O'));
    const device = DeviceId.safeParse(subjectField(cert.subject, 'CN'));
    if (!tenant.success || !device.success) {
      throw refuse(
        401,
        'DEVICE_CERT_UNTRUSTED',
        'the client certificate is not a StarRing device certificate',
      );
    }
    const keys = await tenantKeys.load(tenant.data);
    if (!keys || !cert.checkIssued(keys.caCert) || !cert.verify(keys.caCert.publicKey)) {
      throw refuse(
        401,
        'DEVICE_CERT_WRONG_TENANT',
        `the client certificate was not issued by tenant ${tenant.data}'s CA`,
      );
    }
    const serial = cert.serialNumber.toLowerCase();
    const row = await db.withTenant(tenant.data, async (q) => {
      const { rows } = await q.query<{ cert_serial: string; revoked: boolean; stale: boolean }>(
        `select cert_serial, revoked_at is not null as revoked,
                (last_seen_at is null or last_seen_at < now() - interval '1 minute') as stale
           from devices where id = $1`,
        [device.data],
      );
      // last_seen_at is for the admin's device list: at most one write a minute per device, so a
      // sync burst of many requests stays read-only here.
      if (rows[0]?.stale && !rows[0].revoked) {
        await q.query('update devices set last_seen_at = now() where id = $1', [device.data]);
      }
      return rows[0];
    });
    if (!row) throw refuse(401, 'DEVICE_UNKNOWN', 'this device is not enrolled with the tenant');
    if (row.revoked) throw refuse(403, 'DEVICE_REVOKED', 'this device has been revoked by an administrator');
    if (row.cert_serial.toLowerCase() !== serial) {
      throw refuse(
        401,
        'DEVICE_CERT_SUPERSEDED',
        'this certificate was replaced by a later enrollment of the device',
      );
    }
    request.device = { tenant: tenant.data, device: device.data, certSerial: serial };
  };
}
