import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trustedKeyFromPem } from '../../main/core/policy/bundle-signature';
import { openSignedBundle } from '../../main/core/policy/bundle-verifier';
import { createMemoryPolicyStateStore } from '../../main/core/policy/policy-state.store';
import { createPolicyStore } from '../../main/core/policy/policy-store';

const dir = join(import.meta.dirname, '..', '..', 'policies');
const read = (...parts: string[]) => readFileSync(join(dir, ...parts), 'utf8');
const demoKey = trustedKeyFromPem(read('demo-key', 'DEMO-ONLY-policy-key.pub.pem'));
const industries = ['healthcare', 'manufacturing', 'business', 'education', 'content'];

describe('sample policy bundles in policies/', () => {
  it('the demo key is labelled demo-only wherever it is described', () => {
    expect(read('README.md')).toMatch(/DEMO ONLY/);
    expect(read('demo-key', 'README.md')).toMatch(/DEMO ONLY/);
  });

  it.each(industries)(
    '%s: the signed bundle verifies with the demo key and matches its sources',
    (industry) => {
      const opened = openSignedBundle(read(industry, `${industry}.signed.json`), [demoKey]);
      if (!opened.ok) throw new Error(opened.refusal.message);
      // Drift check: the signed bundle is exactly bundle.json + base-roles.cedar + the industry's rules.
      const source = JSON.parse(read(industry, 'bundle.json')) as Record<string, unknown>;
      const policies = [read('base-roles.cedar'), read(industry, 'policies.cedar')].join('\n');
      expect(opened.value.envelope.bundle).toEqual({ ...source, policies });
    },
  );

  it.each(industries)('%s: a device accepts it (valid Cedar, nobody locked out)', async (industry) => {
    const store = createPolicyStore({
      state: createMemoryPolicyStateStore(),
      trustedKeys: [demoKey],
      clock: { now: () => new Date('2027-01-01T00:00:00Z') },
    });
    const outcome = await store.install(read(industry, `${industry}.signed.json`));
    expect(outcome).toMatchObject({ ok: true, warnings: [] });
  });
});
