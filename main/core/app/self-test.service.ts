import {
  createCipheriv,
  createDecipheriv,
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { rm, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import type { SelfTestEvent } from '../../../common/contract';
import { writeFileAtomic } from '../fs/atomic-write';

interface Check {
  name: string;
  run(): Promise<string>;
}

/**
 * The checks IT support asks for first on a locked-down desktop: does the crypto, the storage
 * engine and the data folder work here? Each check proves one thing with a known answer.
 */
export function selfTestChecks(dataDir: string): Check[] {
  return [
    {
      name: 'aes-256-gcm',
      async run() {
        const key = randomBytes(32);
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const sealed = Buffer.concat([cipher.update('starring'), cipher.final()]);
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(cipher.getAuthTag());
        const opened = Buffer.concat([decipher.update(sealed), decipher.final()]).toString();
        if (opened !== 'starring') throw new Error('round trip returned different bytes');
        return 'encrypts and decrypts with an authentication tag';
      },
    },
    {
      name: 'sha-256',
      async run() {
        const digest = createHash('sha256').update('abc').digest('hex');
        if (digest !== 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad') {
          throw new Error('digest of "abc" does not match FIPS 180-2');
        }
        return 'matches the FIPS 180-2 test vector';
      },
    },
    {
      name: 'ed25519',
      async run() {
        const { privateKey, publicKey } = generateKeyPairSync('ed25519');
        const signature = sign(null, Buffer.from('checkpoint'), privateKey);
        if (!verify(null, Buffer.from('checkpoint'), publicKey, signature))
          throw new Error('signature did not verify');
        return 'signs and verifies';
      },
    },
    {
      name: 'sql-engine',
      async run() {
        const SQL = await initSqlJs();
        const db = new SQL.Database();
        try {
          db.run("CREATE VIRTUAL TABLE t USING fts4(body); INSERT INTO t VALUES ('lock-out tag-out');");
          const rows = db.exec("SELECT count(*) FROM t WHERE t MATCH 'tag'");
          if (rows[0]?.values[0]?.[0] !== 1) throw new Error('full-text query found nothing');
        } finally {
          db.close();
        }
        return 'SQLite with FTS4 full-text search';
      },
    },
    {
      name: 'data-folder',
      async run() {
        const probe = join(dataDir, '.self-test');
        await writeFileAtomic(probe, 'ok');
        const back = await readFile(probe, 'utf8');
        await rm(probe, { force: true });
        if (back !== 'ok') throw new Error('read back different bytes');
        return 'writable with atomic replace';
      },
    },
  ];
}

export async function runSelfTest(
  dataDir: string,
  options: { delayMs: number },
  emit: (event: SelfTestEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const checks = selfTestChecks(dataDir);
  for (const [index, check] of checks.entries()) {
    if (signal.aborted) return;
    emit({ type: 'progress', done: index, total: checks.length, check: check.name });
    if (options.delayMs > 0) await sleep(options.delayMs, signal);
    if (signal.aborted) return;
    try {
      emit({ type: 'result', check: check.name, passed: true, detail: await check.run() });
    } catch (error) {
      emit({ type: 'result', check: check.name, passed: false, detail: (error as Error).message });
    }
  }
  emit({ type: 'progress', done: checks.length, total: checks.length, check: 'done' });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
