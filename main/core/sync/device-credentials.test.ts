import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { checkIssuedCertificate, createCertificateRequest } from './device-credentials';

const device = '0123456789abcdef0123456789abcdef';

describe('device TLS credentials', () => {
  it('makes a CSR signed by its own key with CN = the audit device id', () => {
    const { csrPem, keyPem } = createCertificateRequest(device);
    const csr = forge.pki.certificationRequestFromPem(csrPem);
    expect(csr.verify()).toBe(true);
    expect(csr.subject.getField('CN')).toMatchObject({ value: device });
    expect(keyPem).toContain('BEGIN PRIVATE KEY');
  });

  it('refuses a certificate for another device or another key', () => {
    const mine = createCertificateRequest(device);
    const other = createCertificateRequest(device);
    const issue = (csrPem: string, cn: string) => {
      const csr = forge.pki.certificationRequestFromPem(csrPem);
      const caKeys = forge.pki.privateKeyFromPem(
        createCertificateRequest('ca').keyPem,
      ) as forge.pki.rsa.PrivateKey;
      const cert = forge.pki.createCertificate();
      cert.publicKey = csr.publicKey!;
      cert.serialNumber = '01';
      cert.validity.notBefore = new Date(Date.now() - 1_000);
      cert.validity.notAfter = new Date(Date.now() + 60_000);
      cert.setSubject([{ name: 'commonName', value: cn }]);
      cert.setIssuer([{ name: 'commonName', value: 'Test CA' }]);
      cert.sign(caKeys, forge.md.sha256.create());
      return forge.pki.certificateToPem(cert);
    };
    const good = issue(mine.csrPem, device);
    expect(new X509Certificate(good).subject).toContain(device);
    expect(() => checkIssuedCertificate(good, mine.keyPem, device)).not.toThrow();
    expect(() => checkIssuedCertificate(issue(mine.csrPem, 'f'.repeat(32)), mine.keyPem, device)).toThrow(
      /another device/,
    );
    expect(() => checkIssuedCertificate(issue(other.csrPem, device), mine.keyPem, device)).toThrow(
      /did not make/,
    );
  });
});
