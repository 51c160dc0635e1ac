import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import type { CallContext } from '../../main/core/router/call-context';

const ctx: CallContext = { transport: 'test', actor: 'nurse.wu@hospital.example', origin: 'w' };
let dir: string;
let core: Core;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-core-policy-'));
  core = await createCore({
    dataDir: dir,
    transport: 'test',
    version: '0.0.0',
    scrypt: { N: 1024, r: 8, p: 1 },
    managedSource: {
      read: async () => [
        {
          scope: 'machine',
          source: 'test machine policy',
          entries: { IdleLockMinutes: 5, ServerUrl: 'http://insecure.example', Bogus: 1 },
        },
        { scope: 'user', source: 'test user policy', entries: { IdleLockMinutes: 60 } },
      ],
    },
  });
});
afterEach(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

describe('policy and managed configuration in the running core', () => {
  it('runs the built-in safe default policy through Cedar when no bundle is installed', async () => {
    const current = await core.router.invoke(ctx, 'policy.current', {});
    expect(current).toMatchObject({ ok: true, value: { source: 'builtin', version: null } });
    const phiExport = await core.router.invoke(ctx, 'policy.explain', {
      action: 'documents.export',
      classification: 'phi',
      exportFormat: 'pdf',
    });
    expect(phiExport).toMatchObject({ ok: true, value: { decision: 'deny' } });
    const ownDraft = await core.router.invoke(ctx, 'policy.explain', {
      action: 'documents.save',
      classification: 'phi',
    });
    expect(ownDraft).toMatchObject({ ok: true, value: { decision: 'allow' } });
  });

  it('machine-scope managed values win over user scope, lock the setting, and bad values are reported', async () => {
    const state = await core.router.invoke(ctx, 'vault.state', {});
    expect(state).toMatchObject({ ok: true, value: { idleLockMinutes: 5 } });
    const managed = await core.router.invoke(ctx, 'settings.managed', {});
    if (!managed.ok) throw new Error(managed.error.message);
    const value = managed.value as {
      items: { key: string; value: unknown; lockedBy: string | null }[];
      problems: { key: string; message: string }[];
    };
    expect(value.items.find((i) => i.key === 'IdleLockMinutes')).toMatchObject({
      value: 5,
      lockedBy: 'organisation',
    });
    expect(value.problems.map((p) => p.key)).toEqual(expect.arrayContaining(['ServerUrl', 'Bogus']));
  });
});
