/**
 * A loopback enterprise server for the desktop's sync tests: the routes of
 * common/sync/server-api.ts implemented faithfully — real TLS under a test tenant CA, enrollment
 * that signs the device's CSR, mutual TLS that takes the device id from the certificate, batch
 * verification with the audit code's own hash / link / checkpoint rules, real Ed25519 receipts,
 * policy with ETag / 304 and SSE events. It starts in a second and its faults are switches a test
 * flips (vanish mid-batch, garbage replies, 5xx); sync-server.test.ts runs against the real server/.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import forge from 'node-forge';
import { ZERO_HASH, type AuditEntry } from '../../common/audit/entry.schema';
import {
  AuditBatchRequest,
  EnrollRequest,
  MAX_CLOCK_SKEW_MS,
  MAX_DEVICE_BODY_BYTES,
  SERVER_ROUTES,
  type AuditRefusalCode,
  type PolicyReply,
} from '../../common/sync/server-api';
import { checkEntryHash, checkLink } from '../../main/core/audit/chain-check';
import { signReceipt, verifySignedObject } from '../../main/core/audit/audit-signature';
import type { Receipt } from '../../common/audit/checkpoint.schema';

function forgeKey(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
} {
  // Node's native RSA keygen: forge's pure-JS one takes seconds per key on a shared 2-core box.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgePrivate = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return {
    privateKey: forgePrivate,
    publicKey: forge.pki.setRsaPublicKey(forgePrivate.n, forgePrivate.e),
    pem,
  };
}

function serial(): string {
  return `01${randomBytes(8).toString('hex')}`;
}

/** A tenant CA: a self-signed certificate that can sign servers and devices. */
export interface TestCa {
  certificatePem: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

export function createTestCa(name = 'StarRing Test Tenant CA'): TestCa {
  const key = forgeKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 3_600_000 * 24);
  const attrs = [{ name: 'commonName', value: name }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  cert.sign(key.privateKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), cert, key: key.privateKey };
}

function issue(ca: TestCa, publicKey: forge.pki.PublicKey, cn: string, server: boolean): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 3_600_000 * 24);
  cert.setSubject([{ name: 'commonName', value: cn }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    server ? { name: 'extKeyUsage', serverAuth: true } : { name: 'extKeyUsage', clientAuth: true },
    ...(server
      ? [
          {
            name: 'subjectAltName',
            altNames: [
              { type: 7, ip: '127.0.0.1' },
              { type: 2, value: 'localhost' },
            ],
          },
        ]
      : []),
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

interface DeviceRecord {
  tenant: string;
  auditKey: KeyObject;
  entries: AuditEntry[];
  receipt: Receipt | null;
}

/** One observed request, for tests that assert what leaves the device. */
export interface SeenRequest {
  method: string;
  path: string;
  bytes: number;
  body: string;
}

export interface TestServerFaults {
  /** Store the next N accepted batches, then cut the connection instead of answering. */
  vanishAfterStore: number;
  /** Answer every device route with this many 503s first. */
  serverErrors: number;
  /** Answer the audit head with a body that breaks the contract. */
  garbage: boolean;
}

export interface TestSyncServer {
  readonly url: string;
  readonly port: number;
  readonly tenant: string;
  readonly ca: TestCa;
  readonly receiptPublicKeyPem: string;
  readonly policyPublicKeyPem: string;
  readonly policyPrivateKey: KeyObject;
  readonly faults: TestServerFaults;
  readonly seen: SeenRequest[];
  /** A fresh one-time enrollment code. */
  issueCode(): string;
  /** Publishes a signed bundle (what server/ does when an admin publishes) and tells connected devices. */
  publish(reply: PolicyReply): void;
  /** Entries accepted for `device` (in order). */
  entriesOf(device: string): readonly AuditEntry[];
  /** Closes the listener and destroys every open socket (a server that vanished). */
  stop(): Promise<void>;
  /** Listens again on the same port, with the same state (a restarted server). */
  start(): Promise<void>;
}

export async function startTestSyncServer(
  options: { tenant?: string; ca?: TestCa; port?: number } = {},
): Promise<TestSyncServer> {
  const tenant = options.tenant ?? 'test-hospital';
  const ca = options.ca ?? createTestCa();
  const serverKey = forgeKey();
  const serverCert = issue(ca, serverKey.publicKey, 'localhost', true);
  const receiptKeys = generateKeyPairSync('ed25519');
  const policyKeys = generateKeyPairSync('ed25519');
  const codes = new Set<string>();
  const devices = new Map<string, DeviceRecord>();
  const sockets = new Set<Socket>();
  const streams = new Set<ServerResponse>();
  const seen: SeenRequest[] = [];
  const faults: TestServerFaults = { vanishAfterStore: 0, serverErrors: 0, garbage: false };
  let policy: { reply: PolicyReply; etag: string } | undefined;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const refuse = (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    extra: { seq?: number; expectedSeq?: number } = {},
  ) => json(res, status, { error: { code, message, ...extra } });

  function readBody(req: IncomingMessage): Promise<string | undefined> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_DEVICE_BODY_BYTES) chunks.push(chunk);
      });
      req.on('end', () =>
        resolve(size > MAX_DEVICE_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
      );
    });
  }

  function enroll(body: unknown, res: ServerResponse): void {
    const parsed = EnrollRequest.safeParse(body);
    if (!parsed.success)
      return refuse(res, 400, 'INVALID_REQUEST', parsed.error.issues[0]?.message ?? 'invalid');
    const request = parsed.data;
    if (request.tenant !== tenant || !codes.delete(request.code)) {
      return refuse(res, 403, 'ENROLL_CODE_INVALID', 'The enrollment code is wrong, used or expired.');
    }
    const csr = forge.pki.certificationRequestFromPem(request.csrPem);
    const cn = csr.subject.getField('CN') as { value?: string } | null;
    if (!csr.verify() || cn?.value !== request.device || !csr.publicKey) {
      return refuse(res, 400, 'ENROLL_BAD_CSR', 'The CSR is not signed by its key or names another device.');
    }
    devices.set(request.device, {
      tenant,
      auditKey: createPublicKey(request.auditPublicKeyPem),
      entries: devices.get(request.device)?.entries ?? [],
      receipt: devices.get(request.device)?.receipt ?? null,
    });
    json(res, 200, {
      device: request.device,
      tenant,
      certificatePem: issue(ca, csr.publicKey, request.device, false),
      caCertificatePem: ca.certificatePem,
      receiptPublicKeyPem: receiptKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      policyPublicKeyPem: policyKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
  }

  /** The same checks, in the same order, as server/src/audit/batch-verifier.ts. */
  function ingest(
    record: DeviceRecord,
    device: string,
    body: unknown,
  ):
    | { ok: true; fresh: number; receipt: Receipt }
    | { ok: false; code: AuditRefusalCode; message: string; seq?: number; expectedSeq?: number } {
    const parsed = AuditBatchRequest.safeParse(body);
    if (!parsed.success)
      return { ok: false, code: 'AUDIT_GAP', message: parsed.error.issues[0]?.message ?? 'invalid' };
    const { entries, checkpoints } = parsed.data;
    const head = record.entries.length;
    const first = entries[0]!;
    const last = entries.at(-1)!;
    const latest = Date.now() + MAX_CLOCK_SKEW_MS;
    for (const entry of entries) {
      if (entry.device !== device)
        return {
          ok: false,
          code: 'AUDIT_WRONG_DEVICE',
          message: `entry ${entry.seq} is another device's`,
          seq: entry.seq,
        };
      if (Date.parse(entry.ts) > latest)
        return {
          ok: false,
          code: 'AUDIT_FROM_FUTURE',
          message: `entry ${entry.seq} is from the future`,
          seq: entry.seq,
        };
    }
    if (first.seq > head + 1) {
      return {
        ok: false,
        code: 'AUDIT_GAP',
        message: `resend from ${head + 1}`,
        seq: first.seq,
        expectedSeq: head + 1,
      };
    }
    const hashOf = (seq: number) => (seq === 0 ? ZERO_HASH : record.entries[seq - 1]?.hash);
    let cursor = { seq: first.seq - 1, hash: hashOf(first.seq - 1)! };
    const fresh: AuditEntry[] = [];
    for (const entry of entries) {
      const link = checkLink(cursor, entry);
      if (link)
        return {
          ok: false,
          code: entry.seq === cursor.seq + 1 ? 'AUDIT_CHAIN_BROKEN' : 'AUDIT_GAP',
          message: link,
          seq: entry.seq,
          expectedSeq: cursor.seq + 1,
        };
      const hash = checkEntryHash(entry as unknown as Record<string, unknown>);
      if (hash) return { ok: false, code: 'AUDIT_HASH_MISMATCH', message: hash, seq: entry.seq };
      if (entry.seq <= head) {
        if (hashOf(entry.seq) !== entry.hash)
          return { ok: false, code: 'AUDIT_CHAIN_BROKEN', message: 'history rewritten', seq: entry.seq };
      } else fresh.push(entry);
      cursor = { seq: entry.seq, hash: entry.hash };
    }
    let covered = false;
    let previous = -1;
    for (const checkpoint of checkpoints) {
      if (
        !verifySignedObject(checkpoint, record.auditKey) ||
        checkpoint.seq < previous ||
        checkpoint.seq > last.seq
      ) {
        return { ok: false, code: 'AUDIT_BAD_CHECKPOINT', message: `bad checkpoint at ${checkpoint.seq}` };
      }
      previous = checkpoint.seq;
      const expected =
        checkpoint.seq >= first.seq ? entries[checkpoint.seq - first.seq]?.hash : hashOf(checkpoint.seq);
      if (expected !== undefined && expected !== checkpoint.head)
        return {
          ok: false,
          code: 'AUDIT_BAD_CHECKPOINT',
          message: `checkpoint ${checkpoint.seq} signs another head`,
        };
      if (checkpoint.seq === last.seq) covered = true;
    }
    if (!covered)
      return {
        ok: false,
        code: 'AUDIT_NO_CHECKPOINT',
        message: `no checkpoint covers ${last.seq}`,
        seq: last.seq,
      };
    record.entries.push(...fresh);
    const top = record.entries.at(-1)!;
    const receipt = signReceipt(receiptKeys.privateKey, {
      device,
      from: 1,
      to: top.seq,
      head: top.hash,
      receivedAt: new Date().toISOString(),
    });
    record.receipt = receipt;
    return { ok: true, fresh: fresh.length, receipt };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const body = req.method === 'POST' ? await readBody(req) : '';
    seen.push({ method: req.method ?? '', path, bytes: Buffer.byteLength(body ?? ''), body: body ?? '' });
    if (body === undefined) return refuse(res, 413, 'PAYLOAD_TOO_LARGE', 'The body is too large.');
    if (path === SERVER_ROUTES.health && req.method === 'GET') {
      return json(res, 200, { status: 'ok', version: 'test', database: 'pglite' });
    }
    if (path === SERVER_ROUTES.enroll && req.method === 'POST') {
      try {
        return enroll(JSON.parse(body), res);
      } catch {
        return refuse(res, 400, 'INVALID_REQUEST', 'The body is not JSON.');
      }
    }
    // Device routes: the identity is the verified client certificate, never the body.
    const socket = req.socket as TLSSocket;
    const device = socket.authorized
      ? (socket.getPeerCertificate().subject?.CN as string | undefined)
      : undefined;
    const record = device ? devices.get(device) : undefined;
    if (!device || !record)
      return refuse(res, 401, 'DEVICE_UNAUTHENTICATED', 'A valid device certificate is required.');
    if (faults.serverErrors > 0) {
      faults.serverErrors -= 1;
      return refuse(res, 503, 'UNAVAILABLE', 'The server is busy.');
    }
    if (path === SERVER_ROUTES.auditHead && req.method === 'GET') {
      if (faults.garbage) return json(res, 200, { seq: 'seven', hash: 42 });
      const top = record.entries.at(-1);
      return json(res, 200, { seq: top?.seq ?? 0, hash: top?.hash ?? ZERO_HASH, receipt: record.receipt });
    }
    if (path === SERVER_ROUTES.auditBatches && req.method === 'POST') {
      let parsedBody: unknown;
      try {
        parsedBody = JSON.parse(body);
      } catch {
        return refuse(res, 400, 'INVALID_REQUEST', 'The body is not JSON.');
      }
      const verdict = ingest(record, device, parsedBody);
      if (!verdict.ok) {
        const { code, message, seq, expectedSeq } = verdict;
        return refuse(res, 409, code, message, {
          ...(seq !== undefined && { seq }),
          ...(expectedSeq !== undefined && { expectedSeq }),
        });
      }
      if (faults.vanishAfterStore > 0) {
        // Stored, but the answer never arrives: the device must resend and the server skip it.
        faults.vanishAfterStore -= 1;
        req.socket.destroy();
        return;
      }
      return json(res, 200, { receipt: verdict.receipt, accepted: verdict.fresh });
    }
    if (path === SERVER_ROUTES.policy && req.method === 'GET') {
      if (!policy) {
        res.writeHead(204);
        return void res.end();
      }
      if (req.headers['if-none-match'] === policy.etag) {
        res.writeHead(304, { etag: policy.etag });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json', etag: policy.etag });
      return void res.end(JSON.stringify(policy.reply));
    }
    if (path === SERVER_ROUTES.policyEvents && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': connected\n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    return refuse(res, 404, 'NOT_FOUND', `No route ${req.method} ${path}.`);
  }

  const server: Server = createServer(
    {
      key: serverKey.pem,
      cert: serverCert,
      ca: ca.certificatePem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => refuse(res, 500, 'INTERNAL', String(error)));
    },
  );
  server.on('secureConnection', (socket: TLSSocket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let port = options.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });
  await listen();

  return {
    get url() {
      return `https://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    tenant,
    ca,
    receiptPublicKeyPem: receiptKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    policyPublicKeyPem: policyKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    policyPrivateKey: createPrivateKey(policyKeys.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    faults,
    seen,
    issueCode() {
      const code = randomBytes(6).toString('hex');
      codes.add(code);
      return code;
    },
    publish(reply) {
      policy = { reply, etag: `"v${reply.version}"` };
      for (const stream of streams)
        stream.write(`event: policy\ndata: ${JSON.stringify({ version: reply.version })}\n\n`);
    },
    entriesOf: (device) => devices.get(device)?.entries ?? [],
    async stop() {
      for (const stream of streams) stream.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    start: listen,
  };
}
