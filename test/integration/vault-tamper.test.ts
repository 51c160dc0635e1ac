import { copyFile, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_PASSPHRASE,
  createTestVault,
  doc,
  listFiles,
  tempDir,
  testVault,
} from '../../main/core/vault/test-support';
import type { VaultService } from '../../main/core/vault/vault.service';
import { VaultError } from '../../main/core/vault/vault-errors';

/**
 * Integrity: damage to any single file of a populated vault is detected and
 * reported with the file's name, never turned into wrong data.
 */
describe('vault: tampering and damage', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  /** id → version → body */
  const expected = new Map<string, Map<number, string>>();
  let oldSnapshot = '';

  async function save(v: VaultService, input: ReturnType<typeof doc>) {
    const r = await v.documents.save(input);
    if (!expected.has(r.id)) expected.set(r.id, new Map());
    expected.get(r.id)!.set(r.version, input.body);
    return r;
  }

  beforeAll(async () => {
    d = await tempDir('vault-tamper-');
    const v = await createTestVault(d.path);
    const a = await save(
      v,
      doc('Discharge summary', 'stable, follow up in two weeks', { subjectId: 'patient-1', bytes: 3000 }),
    );
    await save(v, doc('SOAP note', 'hypertension', { subjectId: 'patient-2' }));
    await save(v, doc('Maintenance procedure', 'lock out the press'));
    await save(v, doc('QC inspection', 'within tolerance', { bytes: 5000 }));
    await save(v, {
      ...doc('Discharge summary', 'stable, discharged home', { subjectId: 'patient-1' }),
      id: a.id,
    });
    await v.settings.set('theme', 'dark');
    await v.syncQueue.enqueue('audit', { seq: 1 });
    const first = (await listFiles(d.path)).find((f) => f.startsWith('snapshot-'))!;
    oldSnapshot = join(d.path, '..', `${first}.old-${Date.now()}`);
    await copyFile(join(d.path, first), oldSnapshot);
    await v.compact();
    // Journal records on top of the new snapshot.
    await save(v, doc('Lesson plan', 'fractions'));
    await save(v, {
      ...doc('Maintenance procedure', 'lock out and tag out the press'),
      id: [...expected.keys()][2]!,
    });
    await v.lock();
  });

  afterAll(async () => {
    await rm(oldSnapshot, { force: true });
    await d.cleanup();
  });

  /**
   * Opens the vault and reads every version of every document. Returns the files
   * named by integrity errors; throws if any read returns data other than what was saved.
   */
  async function openAndReadAll(): Promise<{
    openError?: VaultError;
    readErrors: VaultError[];
    verify: string[];
  }> {
    const v = testVault(d.path);
    const attempts = await readFile(join(d.path, 'vault.attempts')).catch(() => undefined);
    try {
      await v.unlock({ passphrase: TEST_PASSPHRASE });
    } catch (err) {
      if (!(err instanceof VaultError)) throw err;
      if (attempts) await writeFile(join(d.path, 'vault.attempts'), attempts);
      return { openError: err, readErrors: [], verify: [] };
    }
    const readErrors: VaultError[] = [];
    try {
      for (const [id, versions] of expected) {
        for (const [version, bodyText] of versions) {
          try {
            const got = await v.documents.getVersion(id, version);
            expect(got.body).toBe(bodyText);
          } catch (err) {
            if (!(err instanceof VaultError)) throw err;
            readErrors.push(err);
          }
        }
      }
      return { readErrors, verify: (await v.verify()).map((f) => f.file) };
    } finally {
      await v.lock();
      // Unlocking resets the failed-attempt counter; keep the file so every walk sees the same set of files.
      if (attempts) await writeFile(join(d.path, 'vault.attempts'), attempts);
    }
  }

  function expectDetected(r: Awaited<ReturnType<typeof openAndReadAll>>, file: string) {
    if (r.openError) {
      expect(r.openError.code, r.openError.message).toBe('STORE_CORRUPT');
      expect(r.openError.file, r.openError.message).toBe(file);
      expect(r.openError.message).toContain(file);
      return;
    }
    // Opened: only a blob may be damaged without stopping the open, and then exactly its reads fail.
    expect(file.startsWith('blobs/'), `damage to ${file} went unnoticed at open`).toBe(true);
    expect(r.verify).toContain(file);
    for (const e of r.readErrors) expect(e).toMatchObject({ code: 'STORE_CORRUPT', file });
  }

  it('starts from a clean vault', async () => {
    const r = await openAndReadAll();
    expect(r.openError).toBeUndefined();
    expect(r.readErrors).toEqual([]);
    expect(r.verify).toEqual([]);
  });

  it('detects one flipped byte anywhere in any file', async () => {
    // A failed attempt, so vault.attempts exists and is part of the walk (a successful unlock removes it).
    await expect(testVault(d.path).unlock({ passphrase: 'nope' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    const files = await listFiles(d.path);
    expect(files).toEqual(expect.arrayContaining(['vault.keys', 'vault.head', 'vault.attempts']));
    expect(files.filter((f) => f.startsWith('blobs/')).length).toBeGreaterThanOrEqual(6);
    let checks = 0;
    for (const file of files) {
      const p = join(d.path, file);
      const original = await readFile(p);
      // Small files: every 7th byte; larger ones: the edges, the middle and 16 random bytes.
      const positions = new Set([0, 9, Math.floor(original.length / 2), original.length - 1]);
      if (original.length <= 1024) for (let i = 0; i < original.length; i += 7) positions.add(i);
      else for (let i = 0; i < 16; i++) positions.add(Math.floor(Math.random() * original.length));
      for (const pos of positions) {
        const damaged = Buffer.from(original);
        damaged[pos]! ^= 1 << Math.floor(Math.random() * 8);
        await writeFile(p, damaged);
        try {
          expectDetected(await openAndReadAll(), file);
          checks++;
        } finally {
          await writeFile(p, original);
        }
      }
    }
    expect(checks).toBeGreaterThan(200);
    expect((await openAndReadAll()).verify).toEqual([]);
  });

  it('detects a deleted file', async () => {
    for (const file of await listFiles(d.path)) {
      if (file === 'vault.attempts') continue; // absent simply means no failed attempts
      const p = join(d.path, file);
      await rename(p, `${p}.moved`);
      try {
        const r = await openAndReadAll();
        expectDetected(r, file);
        if (!r.openError) {
          expect(r.readErrors.length).toBeGreaterThan(0);
          expect(r.readErrors[0]!.message).toMatch(/missing/);
        }
      } finally {
        await rename(`${p}.moved`, p);
      }
    }
  });

  it('detects a truncated file', async () => {
    for (const file of await listFiles(d.path)) {
      const p = join(d.path, file);
      const original = await readFile(p);
      for (const len of [0, Math.floor(original.length / 2), original.length - 1]) {
        await truncate(p, len);
        try {
          expectDetected(await openAndReadAll(), file);
        } finally {
          await writeFile(p, original);
        }
      }
    }
  });

  it('detects files swapped with one another, and a key file from another vault', async () => {
    const blobs = (await listFiles(d.path)).filter((f) => f.startsWith('blobs/'));
    const [a, b] = [join(d.path, blobs[0]!), join(d.path, blobs[1]!)];
    const [ba, bb] = [await readFile(a), await readFile(b)];
    await writeFile(a, bb);
    await writeFile(b, ba);
    try {
      const r = await openAndReadAll();
      expect(r.openError).toBeUndefined();
      expect(r.verify.sort()).toEqual([blobs[0], blobs[1]].sort());
      expect(new Set(r.readErrors.map((e) => e.file))).toEqual(new Set([blobs[0], blobs[1]]));
    } finally {
      await writeFile(a, ba);
      await writeFile(b, bb);
    }

    // The previous generation's snapshot put in place of the current one.
    const snap = (await listFiles(d.path)).find((f) => f.startsWith('snapshot-'))!;
    const current = await readFile(join(d.path, snap));
    await copyFile(oldSnapshot, join(d.path, snap));
    try {
      expectDetected(await openAndReadAll(), snap);
    } finally {
      await writeFile(join(d.path, snap), current);
    }

    // The journal replaced by the snapshot's bytes (another role entirely).
    const journal = (await listFiles(d.path)).find((f) => f.startsWith('journal-'))!;
    const jbytes = await readFile(join(d.path, journal));
    await writeFile(join(d.path, journal), current);
    try {
      expectDetected(await openAndReadAll(), journal);
    } finally {
      await writeFile(join(d.path, journal), jbytes);
    }

    // vault.keys of another vault that happens to use the same passphrase.
    const other = await tempDir('vault-other-');
    try {
      await (await createTestVault(other.path)).lock();
      const keys = await readFile(join(d.path, 'vault.keys'));
      await copyFile(join(other.path, 'vault.keys'), join(d.path, 'vault.keys'));
      try {
        expectDetected(await openAndReadAll(), 'vault.head');
      } finally {
        await writeFile(join(d.path, 'vault.keys'), keys);
      }
    } finally {
      await other.cleanup();
    }
    expect((await openAndReadAll()).verify).toEqual([]);
  });

  it('detects a file replaced by an older copy of itself while the rest is current', async () => {
    for (const file of ['vault.head', 'journal', 'vault.keys']) {
      const name =
        file === 'journal' ? (await listFiles(d.path)).find((f) => f.startsWith('journal-'))! : file;
      const p = join(d.path, name);
      const old = await readFile(p);
      const v = testVault(d.path);
      await v.unlock({ passphrase: TEST_PASSPHRASE });
      if (file === 'vault.keys') {
        // A key change: shredding a subject must not be undone by restoring the old key file.
        await v.addUnlockMethod({ kind: 'passphrase', passphrase: 'another one' });
      } else {
        await save(v, doc('Later note', `written after the copy of ${file}`));
        await save(v, doc('Another later note', 'more'));
      }
      await v.lock();
      const current = await readFile(p);
      await writeFile(p, old);
      try {
        const r = await openAndReadAll();
        expect(r.openError, `older ${name} not detected`).toBeDefined();
        expect(r.openError!.code).toBe('STORE_CORRUPT');
        // An older head shows as a head behind its journal; an older journal as one shorter than the head.
        expect(r.openError!.file).toBe(name);
        expect(r.openError!.message).toMatch(/older/);
      } finally {
        await writeFile(p, current);
      }
    }
    expect((await openAndReadAll()).verify).toEqual([]);
  });
});
