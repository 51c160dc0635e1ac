import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { describe, expect, it } from 'vitest';
import { Classification } from '../../../common/contract';
import { policyActions } from './action-catalog';
import { BUILTIN_POLICY_TEXT, EXPIRED_FALLBACK_TEXT } from './builtin-policy';
import { compilePolicies } from './policy-compiler';
import { buildCedarSchema } from './policy-schema';
import { classificationLevel, evaluatePolicies, type PolicyRequestFacts } from './policy-evaluator';

const root = join(import.meta.dirname, '..', '..', '..');
const healthcare = ['base-roles.cedar', 'healthcare/policies.cedar']
  .map((file) => readFileSync(join(root, 'policies', file), 'utf8'))
  .join('\n');

/** A tiny deterministic PRNG so a failure reproduces. */
function random(seed: number) {
  let s = seed;
  return <T>(items: readonly T[]): T => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return items[s % items.length]!;
  };
}

describe('policy compiler', () => {
  it('compiles the built-in and expired-fallback texts against the schema', () => {
    for (const text of [BUILTIN_POLICY_TEXT, EXPIRED_FALLBACK_TEXT]) {
      const result = compilePolicies(text, { label: 't', actions: policyActions() });
      expect(result.ok ? result.compiled.warnings : result.message).toEqual([]);
    }
  });

  it('reads @id and @reason, keeps source order, and rejects duplicate ids and templates', () => {
    const ok = compilePolicies(
      '@id("b") @reason("B") permit(principal, action in Action::"basics", resource);\n@id("a") forbid(principal, action, resource) when { false };',
      { label: 't', actions: policyActions() },
    );
    expect(ok.ok && ok.compiled.order).toEqual(['b', 'a']);
    expect(ok.ok && ok.compiled.policies.get('b')).toEqual({
      id: 'b',
      effect: 'permit',
      reason: 'B',
      scope: ['basics'],
    });
    const dup = compilePolicies(
      '@id("x") permit(principal, action, resource);\n@id("x") permit(principal, action, resource);',
      {
        label: 't',
        actions: policyActions(),
      },
    );
    expect(dup).toMatchObject({ ok: false, message: expect.stringMatching(/share the id "x"/) });
    const template = compilePolicies('permit(principal == ?principal, action, resource);', {
      label: 't',
      actions: policyActions(),
    });
    expect(template).toMatchObject({ ok: false, message: expect.stringMatching(/templates/) });
  });

  it('slicing by action scope decides exactly as Cedar does on the whole set, validated requests', () => {
    const actions = policyActions();
    const compiled = compilePolicies(healthcare, { label: 'slice-test', actions });
    if (!compiled.ok) throw new Error(compiled.message);
    // The reference: Cedar on the whole, unsliced set, with every request validated against the schema.
    expect(cedar.preparseSchema('slice-test-schema', buildCedarSchema(actions)).type).toBe('success');
    expect(cedar.preparsePolicySet('slice-test-full', { staticPolicies: healthcare }).type).toBe('success');
    const pick = random(42);
    for (let i = 0; i < 200; i += 1) {
      const action = pick(actions);
      const roles = [
        pick(['clinician', 'engineer', 'reviewer', 'compliance-officer', 'it-admin', 'viewer', 'nurse']),
      ];
      const facts: PolicyRequestFacts = {
        action: action.id,
        user: {
          id: pick(['alice', 'bob']),
          roles,
          department: 'ward-3',
          clearance: pick(Classification.options),
        },
        resource:
          action.resource === 'document'
            ? {
                kind: 'document',
                id: 'doc',
                classification: pick(Classification.options),
                owner: pick(['alice', 'bob']),
                industry: 'healthcare',
                state: pick(['draft', 'signed'] as const),
              }
            : { kind: 'workspace' },
        device: { id: 'dev', managed: pick([true, false]), online: pick([true, false]) },
        exportFormat: pick(['pdf', 'docx', 'fhir']),
        now: new Date(2026, 10, 24, pick([3, 10, 23]), 0),
      };
      const sliced = evaluatePolicies(compiled.compiled, facts);
      const doc = facts.resource.kind === 'document' ? facts.resource : null;
      const full = cedar.statefulIsAuthorized({
        principal: { type: 'User', id: facts.user.id },
        action: { type: 'Action', id: facts.action },
        resource: doc ? { type: 'Document', id: doc.id } : { type: 'Workspace', id: 'local' },
        context: {
          device: { managed: facts.device.managed, online: facts.device.online },
          time: {
            hour: facts.now.getHours(),
            weekday: facts.now.getDay(),
            epochSeconds: Math.floor(facts.now.getTime() / 1000),
          },
          ...(action.group === 'export' && { exportFormat: facts.exportFormat! }),
        },
        preparsedSchemaName: 'slice-test-schema',
        validateRequest: true,
        preparsedPolicySetId: 'slice-test-full',
        entities: [
          {
            uid: { type: 'User', id: facts.user.id },
            attrs: { department: 'ward-3', clearance: classificationLevel[facts.user.clearance] },
            parents: roles.map((id) => ({ type: 'Role', id })),
          },
          ...(doc
            ? [
                {
                  uid: { type: 'Document', id: doc.id },
                  attrs: {
                    classification: doc.classification,
                    classificationLevel: classificationLevel[doc.classification],
                    owner: { __entity: { type: 'User', id: doc.owner } },
                    industry: doc.industry,
                    state: doc.state,
                  },
                  parents: [],
                },
              ]
            : []),
        ],
      });
      if (full.type !== 'success') throw new Error(JSON.stringify(full.errors));
      expect(sliced.decision, JSON.stringify(facts)).toBe(full.response.decision);
      // Cedar names the policies of unannotated text by position (policy0 is the first written).
      const fullIds = full.response.diagnostics.reason.map(
        (id) => compiled.compiled.order[Number(id.slice(6))],
      );
      expect([...sliced.determining].sort()).toEqual(fullIds.sort());
    }
  });
});
