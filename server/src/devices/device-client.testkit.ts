/** Test helpers: a device's TLS key and CSR (as the app makes them with node-forge) and an HTTPS client. */
import { generateKeyPairSync } from 'node:crypto';
import { type Agent, request } from 'node:https';
import forge from 'node-forge';

export interface DeviceKeys {
  keyPem: string;
  csrPem: string;
  auditPublicKeyPem: string;
}

export function makeDeviceKeys(
  device: string,
  extraSubject: { name: string; value: string }[] = [],
): DeviceKeys {
  // node:crypto makes the RSA key (forge's JS keygen takes seconds on a busy machine); forge the CSR.
  const keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  csr.setSubject([{ name: 'commonName', value: device }, ...extraSubject]);
  csr.sign(privateKey, forge.md.sha256.create());
  const audit = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { keyPem, csrPem: forge.pki.certificationRequestToPem(csr), auditPublicKeyPem: audit };
}

/** A self-signed certificate for `keyPem` (an impostor's). */
export function selfSigned(keyPem: string, subject: { name: string; value: string }[]): string {
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

export interface HttpsReply {
  status: number;
  body: unknown;
}

/** One request over a real TLS connection (no keep-alive unless an agent is passed). */
export function httpsJson(
  url: string,
  options: {
    method?: string;
    path: string;
    ca: string;
    key?: string;
    cert?: string;
    body?: unknown;
    agent?: Agent;
  },
): Promise<HttpsReply> {
  const target = new URL(options.path, url);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: options.method ?? 'GET',
        ca: options.ca,
        key: options.key,
        cert: options.cert,
        agent: options.agent ?? false,
        headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}
