import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../main/core/vault/fake-clock';
import { BACKOFF_BASE_MS } from '../../main/core/vault/throttle';
import {
  CHEAP_SCRYPT,
  TEST_PASSPHRASE,
  doc,
  snapshotFiles,
  tempDir,
} from '../../main/core/vault/test-support';
import { createVaultService } from '../../main/core/vault/vault.service';
import { VaultError } from '../../main/core/vault/vault-errors';

describe('vault: wrong passphrase', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (d = await tempDir()));
  afterEach(async () => d.cleanup());

  it('fails clearly, leaves the vault untouched, counts attempts persistently and backs off after 5', async () => {
    const clock = createFakeClock();
    const make = () => createVaultService({ dir: d.path, scrypt: CHEAP_SCRYPT, clock });
    const v = make();
    await v.create({ passphrase: TEST_PASSPHRASE });
    const { id } = await v.documents.save(doc('Note', 'allergic to penicillin'));
    await v.lock();
    const before = await snapshotFiles(d.path);

    for (let i = 1; i <= 5; i++) {
      // A fresh service each time: the count must come from disk, not memory.
      const err = await make()
        .unlock({ passphrase: `guess ${i}` })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VaultError);
      expect(err).toMatchObject({
        code: 'WRONG_PASSPHRASE',
        message: expect.stringMatching(new RegExp(`not correct \\(failed attempt ${i}\\)`)),
      });
      expect((await make().unlockStatus()).failures).toBe(i);
      clock.advance(1000);
    }
    // Nothing but the attempt counter changed.
    const after = await snapshotFiles(d.path);
    after.delete('vault.attempts');
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [f, bytes] of before) expect(after.get(f)?.equals(bytes), f).toBe(true);

    // Sixth attempt inside the back-off window: refused before even trying, even with the right passphrase.
    const blocked = await make()
      .unlock({ passphrase: TEST_PASSPHRASE })
      .catch((e: unknown) => e as VaultError);
    expect(blocked).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect((blocked as VaultError).retryAfterMs).toBe(BACKOFF_BASE_MS - 1000);
    expect((await make().unlockStatus()).retryAfterMs).toBe(BACKOFF_BASE_MS - 1000);

    // After the wait, a wrong guess doubles the wait.
    clock.advance(BACKOFF_BASE_MS);
    const sixth = await make()
      .unlock({ passphrase: 'guess 6' })
      .catch((e: unknown) => e as VaultError);
    expect(sixth).toMatchObject({ code: 'WRONG_PASSPHRASE', retryAfterMs: 2 * BACKOFF_BASE_MS });
    await expect(make().unlock({ passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      retryAfterMs: 2 * BACKOFF_BASE_MS,
    });

    // The right passphrase after the wait opens the vault intact and resets the counter.
    clock.advance(2 * BACKOFF_BASE_MS);
    const ok = make();
    await ok.unlock({ passphrase: TEST_PASSPHRASE });
    expect((await ok.documents.get(id)).body).toContain('penicillin');
    expect(await ok.unlockStatus()).toEqual({ failures: 0, retryAfterMs: 0 });
    await ok.lock();
  });
});
