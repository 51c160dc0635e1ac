import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicyBundle } from '../../common/policy/policy-bundle';
import {
  generatePolicyKeyPair,
  signPolicyBundle,
  trustedKeyFromPem,
} from '../../main/core/policy/bundle-signature';
import type { PolicyRefusal } from '../../main/core/policy/policy-refusal';
import {
  createJsonFilePolicyStateStore,
  createMemoryPolicyStateStore,
  type PolicyStateStore,
} from '../../main/core/policy/policy-state.store';
import { createPolicyStore } from '../../main/core/policy/policy-store';
import { decide } from '../../main/core/policy/policy-decision';
import type { PolicyRequestFacts } from '../../main/core/policy/policy-evaluator';

const tenantKey = generatePolicyKeyPair();
const otherKey = generatePolicyKeyPair();
const trusted = [trustedKeyFromPem(tenantKey.publicKeyPem)];

const POLICIES = `
@id("everyone-basics") @reason("Everyone may use the basics.")
permit (principal, action in [Action::"basics", Action::"keys", Action::"browse"], resource);
@id("clinicians-export") @reason("Clinicians may export.")
permit (principal, action in [Action::"read", Action::"export"], resource is Document)
when { principal in Role::"clinician" };
`;

function bundle(overrides: Partial<PolicyBundle> = {}): PolicyBundle {
  return {
    v: 1,
    format: 'starring-policy-bundle',
    tenant: 'st-mary',
    version: 1,
    issuedAt: '2026-11-01T00:00:00Z',
    expiresAt: '2026-12-31T00:00:00Z',
    policies: POLICIES,
    settings: {
      modelAllowlist: [],
      exportFormats: { internal: ['pdf', 'docx'], phi: ['pdf'] },
      idleLockMinutes: 5,
      retentionDays: 2555,
      auditSyncIntervalMinutes: 15,
      deidentifyBeforeOnPrem: true,
    },
    ...overrides,
  };
}

const signed = (b: PolicyBundle, key = tenantKey.privateKeyPem): string =>
  JSON.stringify(signPolicyBundle(b, key));

function setup(options: { state?: PolicyStateStore; now?: Date; tenant?: string } = {}) {
  let now = options.now ?? new Date('2026-11-24T10:00:00Z');
  const refusals: PolicyRefusal[] = [];
  const store = createPolicyStore({
    state: options.state ?? createMemoryPolicyStateStore(),
    trustedKeys: trusted,
    clock: { now: () => now },
    onRefused: (refusal) => refusals.push(refusal),
    ...(options.tenant !== undefined && { tenant: options.tenant }),
  });
  return { store, refusals, setNow: (next: Date) => (now = next) };
}

const exportFacts = (format: string, roles = ['clinician']): PolicyRequestFacts => ({
  action: 'documents.export',
  user: { id: 'alice', roles, department: 'cardiology', clearance: 'phi' },
  resource: {
    kind: 'document',
    id: 'd1',
    classification: 'internal',
    owner: 'alice',
    industry: 'healthcare',
    state: 'signed',
  },
  device: { id: 'laptop', managed: true, online: true },
  exportFormat: format,
  now: new Date('2026-11-24T10:00:00Z'),
});

describe('policy store: accepting bundles', () => {
  it('starts on the built-in policy and applies a valid signed bundle', async () => {
    const { store, refusals } = setup();
    expect((await store.load()).source).toBe('builtin');
    const outcome = await store.install(signed(bundle()));
    expect(outcome).toMatchObject({ ok: true, version: 1, unchanged: false });
    const active = store.current();
    expect(active).toMatchObject({ source: 'bundle', expired: false, keyId: tenantKey.keyId });
    expect(active.bundle?.tenant).toBe('st-mary');
    expect(refusals).toEqual([]);
    expect(decide(active, exportFacts('pdf')).decision).toBe('allow');
  });

  it('treats re-delivery of the bundle in force as a no-op, not a rollback', async () => {
    const { store, refusals } = setup();
    const raw = signed(bundle());
    await store.install(raw);
    expect(await store.install(raw)).toMatchObject({ ok: true, unchanged: true });
    expect(refusals).toEqual([]);
  });

  it('persists the last good bundle and the highest version, and reloads them from a JSON file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starring-policy-'));
    try {
      const file = join(dir, 'policy-state.json');
      const first = setup({ state: createJsonFilePolicyStateStore(file) });
      await first.store.install(signed(bundle({ version: 4 })));
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ highestVersion: 4 });

      const second = setup({ state: createJsonFilePolicyStateStore(file) });
      expect((await second.store.load()).bundle?.version).toBe(4);
      const rollback = await second.store.install(signed(bundle({ version: 3 })));
      expect(rollback).toMatchObject({ ok: false, refusal: { code: 'rollback' } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('policy store: refusals leave the last good bundle in force', () => {
  async function installedStore() {
    const ctx = setup();
    await ctx.store.install(signed(bundle({ version: 5 })));
    return ctx;
  }

  async function expectRefused(raw: string | Uint8Array, code: PolicyRefusal['code'], message?: RegExp) {
    const { store, refusals } = await installedStore();
    const outcome = await store.install(raw);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.refusal.code).toBe(code);
    if (message) expect(outcome.refusal.message).toMatch(message);
    expect(refusals).toEqual([outcome.refusal]);
    expect(store.current().bundle?.version).toBe(5);
    expect(store.lastRefusal()?.refusal).toEqual(outcome.refusal);
  }

  it('refuses a tampered bundle', async () => {
    const envelope = JSON.parse(signed(bundle({ version: 6 }))) as { bundle: PolicyBundle };
    envelope.bundle.settings.exportFormats.phi = ['pdf', 'docx', 'markdown'];
    await expectRefused(JSON.stringify(envelope), 'bad-signature', /altered after signing/);
  });

  it('refuses an unsigned bundle', async () => {
    await expectRefused(JSON.stringify(bundle({ version: 6 })), 'unsigned', /not signed/);
  });

  it('refuses a bundle signed by a key the device does not trust', async () => {
    await expectRefused(
      signed(bundle({ version: 6 }), otherKey.privateKeyPem),
      'unknown-key',
      new RegExp(otherKey.keyId),
    );
  });

  it('refuses an older and an equal version (rollback)', async () => {
    await expectRefused(signed(bundle({ version: 4 })), 'rollback', /not newer than version 5/);
    await expectRefused(
      signed(bundle({ version: 5, policies: `${POLICIES}\n// same version, new text` })),
      'rollback',
    );
  });

  it("refuses malformed Cedar with Cedar's own message", async () => {
    await expectRefused(
      signed(bundle({ version: 6, policies: 'permit(principal, action, resource) when { resource.x == };' })),
      'invalid-policy',
      /unexpected token `}`/,
    );
  });

  it('refuses policies that do not match the schema, naming the attribute', async () => {
    await expectRefused(
      signed(
        bundle({
          version: 6,
          policies: `${POLICIES}\npermit (principal, action in Action::"read", resource is Document) when { resource.colour == "red" };`,
        }),
      ),
      'invalid-policy',
      /attribute `colour` on entity type `Document` not found/,
    );
  });

  it('refuses, with a warning, a bundle that would lock every user out of vault.unlock', async () => {
    const lockout = `${POLICIES}\n@id("no-unlock") forbid (principal, action == Action::"vault.unlock", resource);`;
    await expectRefused(
      signed(bundle({ version: 6, policies: lockout })),
      'lockout',
      /^Warning: .*lock every user out of "vault.unlock"/,
    );
  });

  it('refuses a 10 MB bundle before parsing it', async () => {
    const huge = Buffer.alloc(10 * 1024 * 1024, 0x20); // spaces: would parse as nothing at all
    huge.write('{"bundle":');
    const started = performance.now();
    await expectRefused(huge, 'too-large', /10485760 bytes/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses a bundle that expired before it arrived, and one for another tenant', async () => {
    await expectRefused(
      signed(bundle({ version: 6, issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z' })),
      'expired',
    );
    const { store } = setup({ tenant: 'st-mary' });
    const outcome = await store.install(signed(bundle({ tenant: 'other-hospital' })));
    expect(outcome).toMatchObject({ ok: false, refusal: { code: 'wrong-tenant' } });
  });

  it('refuses garbage and a bundle with a missing field (after checking its signature)', async () => {
    await expectRefused('{not json', 'malformed');
    const { settings: _settings, ...incomplete } = bundle({ version: 6 });
    await expectRefused(signed(incomplete as PolicyBundle), 'invalid-bundle', /settings/);
  });

  it('keeps enforcing when the new bundle cannot be saved', async () => {
    const state: PolicyStateStore = {
      get: async () => null,
      set: async () => {
        throw new Error('disk full');
      },
    };
    const { store, refusals } = setup({ state });
    const outcome = await store.install(signed(bundle()));
    expect(outcome).toMatchObject({ ok: false, refusal: { code: 'storage-failed' } });
    expect(store.current().source).toBe('builtin');
    expect(refusals).toHaveLength(1);
  });

  it('refuses installs while the saved state cannot be read, and retries reading later', async () => {
    let locked = true;
    const inner = createMemoryPolicyStateStore({ lastGood: null, highestVersion: 9 });
    const state: PolicyStateStore = {
      get: async () => {
        if (locked) throw new Error('vault locked');
        return inner.get();
      },
      set: (next) => inner.set(next),
    };
    const { store } = setup({ state });
    expect(await store.install(signed(bundle({ version: 2 })))).toMatchObject({
      ok: false,
      refusal: { code: 'storage-failed' },
    });
    locked = false;
    // Now the highest version (9) is known: version 2 is a rollback.
    expect(await store.install(signed(bundle({ version: 2 })))).toMatchObject({
      ok: false,
      refusal: { code: 'rollback' },
    });
    expect(await store.install(signed(bundle({ version: 10 })))).toMatchObject({ ok: true });
  });

  it('falls back to the built-in policy when the saved bundle no longer verifies (key revoked)', async () => {
    const state = createMemoryPolicyStateStore({
      lastGood: { raw: signed(bundle(), otherKey.privateKeyPem), receivedAt: '2026-11-01T00:00:00Z' },
      highestVersion: 1,
    });
    const { store, refusals } = setup({ state });
    expect((await store.load()).source).toBe('builtin');
    expect(refusals[0]?.code).toBe('unknown-key');
  });
});

describe('policy store: expiry (freeze attack)', () => {
  it('keeps the expired bundle but narrows it: no exports, and only what the built-in policy also allows', async () => {
    const { store, setNow } = setup();
    await store.install(signed(bundle()));
    setNow(new Date('2027-01-15T10:00:00Z'));
    const active = store.current();
    expect(active).toMatchObject({ source: 'bundle', expired: true });
    expect(active.settings.exportFormats).toEqual({});

    const exported = decide(active, { ...exportFacts('pdf'), now: new Date('2027-01-15T10:00:00Z') });
    expect(exported).toMatchObject({ decision: 'deny', policyId: 'expired-no-export' });
    expect(exported.reason).toMatch(/expired/);

    // The bundle let clinicians read colleagues' documents; the fallback narrows that to their own.
    const colleagues = decide(active, {
      ...exportFacts('pdf'),
      action: 'documents.open',
      resource: {
        kind: 'document',
        id: 'd2',
        classification: 'internal',
        owner: 'bob',
        industry: 'healthcare',
        state: 'draft',
      },
    });
    expect(colleagues).toMatchObject({ decision: 'deny', policyId: 'expired-fallback' });
    const own = decide(active, { ...exportFacts('pdf'), action: 'documents.open' });
    expect(own.decision).toBe('allow');
    expect(
      decide(active, { ...exportFacts('pdf'), action: 'vault.unlock', resource: { kind: 'workspace' } })
        .decision,
    ).toBe('allow');
  });

  it('a newer bundle ends the fallback', async () => {
    const { store, setNow } = setup();
    await store.install(signed(bundle()));
    setNow(new Date('2027-01-15T10:00:00Z'));
    const outcome = await store.install(signed(bundle({ version: 2, expiresAt: '2027-03-01T00:00:00Z' })));
    expect(outcome.ok).toBe(true);
    expect(store.current().expired).toBe(false);
  });
});
