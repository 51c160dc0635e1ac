import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { createCa, issueDeviceCertificate, issueServerCertificate, randomSerialHex, verifyCsr } from './x509';

export function makeCsr(commonName: string): { csrPem: string; keyPem: string } {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = keys.publicKey;
  csr.setSubject([{ name: 'commonName', value: commonName }]);
  csr.sign(keys.privateKey, forge.md.sha256.create());
  return {
    csrPem: forge.pki.certificationRequestToPem(csr),
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
  };
}

describe('x509', () => {
  it('issues CA, server and device certificates that node:crypto verifies', () => {
    const ca = createCa('StarRing tenant acme CA', 'acme');
    const caCert = new X509Certificate(ca.certPem);
    expect(caCert.ca).toBe(true);
    const server = issueServerCertificate(ca, ['localhost', '127.0.0.1']);
    const serverCert = new X509Certificate(server.certPem);
    expect(serverCert.verify(caCert.publicKey)).toBe(true);
    expect(serverCert.checkHost('localhost')).toBe('localhost');
    expect(serverCert.checkIP('127.0.0.1')).toBe('127.0.0.1');

    const device = 'ab'.repeat(16);
    const csr = verifyCsr(makeCsr(device).csrPem);
    expect(csr.commonName).toBe(device);
    const serial = randomSerialHex();
    const deviceCert = new X509Certificate(
      issueDeviceCertificate(ca, csr, { device, tenant: 'acme', serialHex: serial }),
    );
    expect(deviceCert.verify(caCert.publicKey)).toBe(true);
    expect(deviceCert.subject).toContain(`CN=${device}`);
    expect(deviceCert.serialNumber.toLowerCase()).toBe(serial);
  });

  it('refuses a CSR whose signature was tampered with', () => {
    const { csrPem } = makeCsr('cd'.repeat(16));
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 10] = der[der.length - 10]! ^ 0xff; // inside the signature bits
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----`;
    expect(() => verifyCsr(tampered)).toThrow(/signature/);
    expect(() =>
      verifyCsr('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----'),
    ).toThrow(/cannot be read/);
  });
});
