import { createPublicKey } from 'node:crypto';
import { EnrollReply, EnrollRequest, SERVER_ROUTES } from '../../../common/sync/server-api';
import { normalizeEnrollmentCode, sha256Hex } from '../admin/tokens';
import { issueDeviceCertificate, randomSerialHex, verifyCsr } from '../ca/x509';
import type { ServerPlugin } from '../context';
import { HttpError, parseWith } from '../http/errors';

/** Enrollment bodies are small (a CSR and a public key); a tighter limit than device routes. */
const ENROLL_BODY_LIMIT = 64 * 1024;

function checkAuditKey(pem: string): void {
  try {
    if (createPublicKey(pem).asymmetricKeyType === 'ed25519') return;
  } catch {
    // fall through to the refusal
  }
  throw new HttpError(
    400,
    'ENROLL_AUDIT_KEY_INVALID',
    'auditPublicKeyPem must be an Ed25519 public key (SPKI PEM)',
  );
}

/**
 * POST /v1/enroll: the one-time code is the credential. The CSR is checked before the code is
 * touched (a bad CSR does not burn the code); the code is then consumed and the device row written
 * in one transaction, so a code enrolls exactly one device even under concurrent attempts.
 */
export const enrollPlugin: ServerPlugin = {
  name: 'enroll',
  public(scope, ctx) {
    ctx.openapi.add({
      method: 'post',
      path: SERVER_ROUTES.enroll,
      summary: 'Enroll a device with a one-time code and a CSR; returns its certificate',
      auth: 'none',
      body: EnrollRequest,
      reply: EnrollReply,
    });
    scope.post(
      SERVER_ROUTES.enroll,
      { bodyLimit: ENROLL_BODY_LIMIT },
      async (request): Promise<EnrollReply> => {
        const body = parseWith(EnrollRequest, request.body);
        let csr;
        try {
          csr = verifyCsr(body.csrPem);
        } catch (error) {
          throw new HttpError(400, 'ENROLL_CSR_INVALID', (error as Error).message);
        }
        if (csr.commonName !== body.device) {
          throw new HttpError(400, 'ENROLL_CSR_CN_MISMATCH', 'the CSR subject CN must equal the device id');
        }
        checkAuditKey(body.auditPublicKeyPem);
        const keys = await ctx.tenantKeys.load(body.tenant);
        const codeInvalid = new HttpError(
          401,
          'ENROLL_CODE_INVALID',
          'the enrollment code is unknown, expired or already used',
        );
        // An unknown tenant answers like a bad code: the route does not reveal which tenants exist.
        if (!keys) throw codeInvalid;
        const serialHex = randomSerialHex();
        const certificatePem = issueDeviceCertificate(keys.ca, csr, {
          device: body.device,
          tenant: body.tenant,
          serialHex,
        });
        await ctx.db.withTenant(body.tenant, async (q) => {
          const used = await q.query(
            `update enrollment_codes set used_at = now(), used_by_device = $2
            where code_sha256 = $1 and used_at is null and expires_at > now()`,
            [sha256Hex(normalizeEnrollmentCode(body.code)), body.device],
          );
          if (used.rowCount !== 1) throw codeInvalid;
          // Re-enrolling a device (new code from an admin) replaces its certificate; the old one is
          // then refused as superseded.
          await q.query(
            `insert into devices (tenant_id, id, name, platform, app_version, cert_serial, cert_pem, audit_public_key_pem)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           on conflict (tenant_id, id) do update set name = excluded.name, platform = excluded.platform,
             app_version = excluded.app_version, cert_serial = excluded.cert_serial, cert_pem = excluded.cert_pem,
             audit_public_key_pem = excluded.audit_public_key_pem, enrolled_at = now(), revoked_at = null`,
            [
              body.tenant,
              body.device,
              body.deviceName,
              body.platform,
              body.appVersion,
              serialHex,
              certificatePem,
              body.auditPublicKeyPem,
            ],
          );
        });
        ctx.events.emit('device.enrolled', {
          tenant: body.tenant,
          device: body.device,
          name: body.deviceName,
          at: ctx.now().toISOString(),
        });
        return EnrollReply.parse({
          device: body.device,
          tenant: body.tenant,
          certificatePem,
          caCertificatePem: ctx.serverCaPem,
          receiptPublicKeyPem: keys.receiptPublicKeyPem,
          policyPublicKeyPem: keys.policyPublicKeyPem,
        });
      },
    );
  },
};
