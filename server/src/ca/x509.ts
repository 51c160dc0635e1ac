/**
 * X.509 with node-forge — only what Node has no API for: building certificates and reading CSRs.
 * Key pairs come from node:crypto (native, fast); forge only signs the certificate structures.
 * forge signs with RSA only, so CA and server keys are RSA-2048 and device CSRs must be RSA.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

const { pki } = forge;

export interface KeyAndCert {
  certPem: string;
  keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function newRsaKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
}

/** 16 random bytes as hex, top bit clear so the DER INTEGER stays positive (RFC 5280 §4.1.2.2). */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate, days: number): void {
  // Back-dated a little so a device whose clock runs slightly behind accepts a fresh certificate.
  cert.validity.notBefore = new Date(Date.now() - 5 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
}

/** A self-signed CA (10 years): one per tenant for devices, one per installation for the server. */
export function createCa(commonName: string, organization: string): KeyAndCert {
  const keyPem = newRsaKeyPem();
  const key = pki.privateKeyFromPem(keyPem);
  const cert = pki.createCertificate();
  cert.publicKey = pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = randomSerialHex();
  validity(cert, 3650);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: organization },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { certPem: pki.certificateToPem(cert), keyPem };
}

function signedBy(ca: KeyAndCert, cert: forge.pki.Certificate, extensions: object[]): string {
  const caCert = pki.certificateFromPem(ca.certPem);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    ...extensions,
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  cert.sign(pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return pki.certificateToPem(cert);
}

/** The server's TLS certificate for `hostnames` (DNS names or IP addresses), 2 years. */
export function issueServerCertificate(ca: KeyAndCert, hostnames: string[]): KeyAndCert {
  const keyPem = newRsaKeyPem();
  const key = pki.privateKeyFromPem(keyPem);
  const cert = pki.createCertificate();
  cert.publicKey = pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = randomSerialHex();
  validity(cert, 730);
  cert.setSubject([{ name: 'commonName', value: hostnames[0] ?? 'localhost' }]);
  const altNames = hostnames.map((host) =>
    /^[\d.]+$|:/.test(host) ? { type: 7, ip: host } : { type: 2, value: host },
  );
  const certPem = signedBy(ca, cert, [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  return { certPem, keyPem };
}

export interface VerifiedCsr {
  commonName: string;
  publicKey: forge.pki.rsa.PublicKey;
}

/** Parses a CSR and checks its self-signature; throws with a reason a device can show. */
export function verifyCsr(csrPem: string): VerifiedCsr {
  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = pki.certificationRequestFromPem(csrPem);
  } catch (error) {
    throw new Error(`the CSR cannot be read (RSA keys only): ${(error as Error).message}`, { cause: error });
  }
  let valid = false;
  try {
    valid = csr.verify();
  } catch {
    // forge throws ("Encryption block is invalid") rather than answering false for a bad signature.
  }
  if (!valid) throw new Error('the CSR signature does not verify');
  const cn = csr.subject.getField('CN') as { value?: unknown } | null;
  if (!cn || typeof cn.value !== 'string') throw new Error('the CSR has no subject CN');
  const publicKey = csr.publicKey as forge.pki.rsa.PublicKey | null;
  if (!publicKey || publicKey.n.bitLength() < 2048)
    throw new Error('the CSR key must be RSA of 2048 bits or more');
  return { commonName: cn.value, publicKey };
}

/** A device client certificate: CN = device id, O = tenant id, clientAuth, 1 year. */
export function issueDeviceCertificate(
  ca: KeyAndCert,
  csr: VerifiedCsr,
  subject: { device: string; tenant: string; serialHex: string },
): string {
  const cert = pki.createCertificate();
  cert.publicKey = csr.publicKey;
  cert.serialNumber = subject.serialHex;
  validity(cert, 365);
  cert.setSubject([
    { name: 'commonName', value: subject.device },
    { name: 'organizationName', value: subject.tenant },
  ]);
  return signedBy(ca, cert, [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
}
