import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../common/contract';
import { verifyBundle } from '../../main/core/audit/bundle-verify';
import { createCore, type Core } from '../../main/core/core';
import type { CallContext } from '../../main/core/router/call-context';

const STRONG = 'correct horse battery staple ward 7';
const ctx: CallContext = { transport: 'test', actor: 'dr.li@hospital.example', origin: 'test-window' };
let dir: string;
let core: Core;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-core-audit-'));
  core = await createCore({
    dataDir: dir,
    transport: 'test',
    version: '0.0.0',
    scrypt: { N: 1024, r: 8, p: 1 },
  });
});
afterEach(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

async function call(channel: string, request: unknown = {}) {
  return core.router.invoke(ctx, channel, request);
}

describe('the router writes the tamper-evident audit log in the vault', () => {
  it('records calls, keeps what happened while locked (a wrong passphrase), and exports a valid bundle', async () => {
    expect(await call('vault.create', { passphrase: STRONG })).toMatchObject({ ok: true });
    await call('settings.setLocale', { locale: 'zh-CN' });
    await call('vault.lock');
    const wrong = await call('vault.unlock', {
      method: 'passphrase',
      passphrase: 'not my passphrase at all',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(await call('vault.unlock', { method: 'passphrase', passphrase: STRONG })).toMatchObject({
      ok: true,
    });

    const page = await call('audit.query', { order: 'asc' });
    if (!page.ok) throw new Error(page.error.message);
    const entries = (
      page.value as { entries: { action: string; outcome: string; actor: string; seq: number }[] }
    ).entries;
    const trail = entries.map((e) => `${e.action}:${e.outcome}`);
    expect(trail).toEqual(
      expect.arrayContaining([
        'vault.create:allow',
        'settings.setLocale:allow',
        'vault.lock:allow',
        'vault.unlock:allow',
        'vault.unlock:failure',
      ]),
    );
    expect(entries.every((e) => e.actor === ctx.actor)).toBe(true);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));

    expect(await call('audit.verifyChain')).toMatchObject({ ok: true, value: { status: 'ok' } });

    const messages: StreamMessage<unknown>[] = [];
    const finished = new Promise<void>((resolve) => {
      void core.router.subscribe(ctx, 'audit.exportBundle', {}, (message) => {
        messages.push(message);
        if (message.type !== 'event') resolve();
      });
    });
    await finished;
    expect(messages.at(-1)).toEqual({ type: 'end' });
    const done = messages.find(
      (m) => m.type === 'event' && (m.event as { type: string }).type === 'done',
    ) as { event: { path: string; entries: number } };
    expect(done.event.entries).toBeGreaterThanOrEqual(entries.length);
    const verdict = await verifyBundle(done.event.path);
    expect(verdict).toMatchObject({ ok: true });
  });

  it('the Audit view is closed while the vault is locked', async () => {
    await call('vault.create', { passphrase: STRONG });
    await call('vault.lock');
    expect(await call('audit.query', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});
