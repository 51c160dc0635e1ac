import { describe, expect, it } from 'vitest';
import type { PolicyBundle } from '../../common/policy/policy-bundle';
import { AppError } from '../../common/errors';
import { policyContract } from '../../common/contract/policy.contract';
import { policyCurrentView, policyExplainView } from '../../main/core/policy/policy-view';
import { policyActions } from '../../main/core/policy/action-catalog';
import {
  builtinActivePolicy,
  bundleActivePolicy,
  type ActivePolicy,
} from '../../main/core/policy/active-policy';
import {
  generatePolicyKeyPair,
  signPolicyBundle,
  trustedKeyFromPem,
} from '../../main/core/policy/bundle-signature';
import { createCedarAuthorizer } from '../../main/core/policy/cedar-authorizer';
import { createLocalEntityResolver, type DocumentFacts } from '../../main/core/policy/entity-resolver';
import { compilePolicies } from '../../main/core/policy/policy-compiler';
import { evaluatePolicies } from '../../main/core/policy/policy-evaluator';
import { createMemoryPolicyStateStore } from '../../main/core/policy/policy-state.store';
import { createPolicyStore } from '../../main/core/policy/policy-store';
import { createMemoryAuditSink, type AuditRecord } from '../../main/core/router/audit-sink';
import type { CallContext } from '../../main/core/router/call-context';
import type { ChannelHandlers, StreamHandlers } from '../../main/core/router/handlers';
import { createRouter } from '../../main/core/router/router';

const clock = { now: () => new Date(2026, 10, 24, 10, 0) };
const context: CallContext = { transport: 'test', actor: 'alice', origin: 'window-1' };
const key = generatePolicyKeyPair();

const documents: Record<string, Omit<DocumentFacts, 'kind'>> = {
  mine: { id: 'mine', classification: 'internal', owner: 'alice', industry: 'healthcare', state: 'draft' },
  'my-phi': { id: 'my-phi', classification: 'phi', owner: 'alice', industry: 'healthcare', state: 'signed' },
  theirs: { id: 'theirs', classification: 'internal', owner: 'bob', industry: 'healthcare', state: 'draft' },
};

function resolver(roles: string[] = [], online = true) {
  return createLocalEntityResolver({
    roles,
    device: () => ({ id: 'laptop', managed: true, online }),
    findDocument: (id) => documents[id],
  });
}

const fixed = (active: ActivePolicy) => ({ current: () => active });

function bundleWith(policies: string, settings: Partial<PolicyBundle['settings']> = {}): PolicyBundle {
  return {
    v: 1,
    format: 'starring-policy-bundle',
    tenant: 'st-mary',
    version: 1,
    issuedAt: '2026-11-01T00:00:00Z',
    expiresAt: '2027-11-01T00:00:00Z',
    policies,
    settings: {
      modelAllowlist: [],
      exportFormats: { internal: ['pdf'], phi: ['pdf', 'docx'] },
      idleLockMinutes: 5,
      retentionDays: 30,
      auditSyncIntervalMinutes: 15,
      deidentifyBeforeOnPrem: true,
      ...settings,
    },
  };
}

function activeFrom(policies: string, settings?: Partial<PolicyBundle['settings']>, extra: string[] = []) {
  const actions = extra.length > 0 ? policyActions(extra) : policyActions();
  const compiled = compilePolicies(policies, { label: 'test', actions });
  if (!compiled.ok) throw new Error(compiled.message);
  return bundleActivePolicy(bundleWith(policies, settings), 'test', compiled.compiled, actions, false);
}

const HOSPITAL = `
@id("basics") @reason("Everyone may use the basics.")
permit (principal, action in [Action::"basics", Action::"keys", Action::"browse", Action::"audit"], resource);
@id("no-locale") @reason("Your organisation fixes the interface language.")
forbid (principal, action == Action::"settings.setLocale", resource);
@id("clinicians") @reason("Clinicians may work on and export documents.")
permit (principal, action in [Action::"read", Action::"write", Action::"export"], resource is Document)
when { principal in Role::"clinician" };
@id("phi-docx-offline")
@reason("Your organisation's policy does not allow exporting PHI documents as DOCX while offline")
forbid (principal, action in Action::"export", resource is Document)
when { resource.classification == "phi" && context.exportFormat == "docx" && !context.device.online };
`;

function routerWith(active: ActivePolicy, roles: string[] = []) {
  const audited: AuditRecord[] = [];
  const sink = createMemoryAuditSink(clock);
  const audit = { ...sink, record: (r: AuditRecord) => (audited.push(r), sink.record(r)) };
  const handlers = {
    'app.info': () => ({
      name: 'StarRing Workspace',
      version: '0',
      transport: 'test',
      platform: 'test',
      locale: 'en',
    }),
    'settings.setLocale': ({ locale }: { locale: string }) => ({ locale }),
    'audit.recent': () => ({ items: [], store: 'memory' }),
  };
  const router = createRouter({
    channels: handlers as unknown as ChannelHandlers,
    streams: {} as StreamHandlers,
    authorizer: createCedarAuthorizer({ policy: fixed(active), resolver: resolver(roles), clock }),
    audit,
  });
  return { router, audited };
}

describe('Cedar authorizer through the router', () => {
  it('built-in policy: basics allowed, the audit log allowed and audited with the deciding policy', async () => {
    const { router, audited } = routerWith(builtinActivePolicy(policyActions()));
    expect(await router.invoke(context, 'app.info', {})).toMatchObject({ ok: true });
    expect(await router.invoke(context, 'audit.recent', {})).toMatchObject({ ok: true });
    expect(audited).toEqual([
      expect.objectContaining({ action: 'audit.recent', outcome: 'allow', policyId: 'builtin-audit' }),
    ]);
  });

  it("a denial carries the deciding policy's @reason and id to the caller and to the audit log", async () => {
    const { router, audited } = routerWith(activeFrom(HOSPITAL), ['clinician']);
    const result = await router.invoke(context, 'settings.setLocale', { locale: 'zh-CN' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'POLICY_DENIED',
        message: 'Your organisation fixes the interface language.',
        details: { policyId: 'no-locale' },
      },
    });
    expect(audited).toEqual([
      expect.objectContaining({
        actor: 'alice',
        action: 'settings.setLocale',
        outcome: 'deny',
        policyId: 'no-locale',
      }),
    ]);
  });

  it('denies by default, naming "default-deny", when no policy permits', async () => {
    const { router } = routerWith(activeFrom(HOSPITAL.replace('Action::"audit"', 'Action::"admin"')));
    const result = await router.invoke(context, 'audit.recent', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', details: { policyId: 'default-deny' } },
    });
    if (!result.ok) expect(result.error.message).toMatch(/does not allow viewing the audit log/);
  });
});

describe('Cedar authorizer: documents, exports and new channels', () => {
  it('resolves the document of a request; the built-in policy allows own documents but never PHI export', async () => {
    const authorizer = createCedarAuthorizer({
      policy: fixed(builtinActivePolicy(policyActions())),
      resolver: resolver(),
      clock,
    });
    const ask = (action: string, request: unknown) =>
      authorizer.authorize({ action: action as never, request, context });
    expect(await ask('documents.open', { documentId: 'mine' })).toMatchObject({
      decision: 'allow',
      policyId: 'builtin-own-documents',
    });
    expect(await ask('documents.open', { documentId: 'theirs' })).toMatchObject({
      decision: 'deny',
      policyId: 'default-deny',
    });
    expect(await ask('documents.export', { documentId: 'mine', format: 'docx' })).toMatchObject({
      decision: 'allow',
    });
    expect(await ask('documents.export', { documentId: 'my-phi', format: 'pdf' })).toMatchObject({
      decision: 'deny',
      policyId: 'builtin-no-phi-export',
      reason: 'Without an organisation policy, documents classified PHI cannot be exported.',
    });
    await expect(ask('documents.open', { documentId: 'nope' })).rejects.toBeInstanceOf(AppError);
  });

  it('enforces the bundle: PHI as DOCX offline is denied with the policy reason; formats outside the settings too', async () => {
    const active = activeFrom(HOSPITAL);
    const offline = createCedarAuthorizer({
      policy: fixed(active),
      resolver: resolver(['clinician'], false),
      clock,
    });
    const exportAs = (documentId: string, format: string) =>
      offline.authorize({ action: 'documents.export' as never, request: { documentId, format }, context });
    expect(await exportAs('my-phi', 'docx')).toEqual({
      decision: 'deny',
      reason: "Your organisation's policy does not allow exporting PHI documents as DOCX while offline",
      policyId: 'phi-docx-offline',
    });
    expect(await exportAs('my-phi', 'pdf')).toMatchObject({ decision: 'allow', policyId: 'clinicians' });
    expect(await exportAs('mine', 'docx')).toMatchObject({
      decision: 'deny',
      policyId: 'settings.exportFormats',
      reason:
        "Your organisation's policy does not allow exporting internal documents as DOCX (allowed: PDF).",
    });
  });

  it('explain answers for the caller on a hypothetical document', async () => {
    const authorizer = createCedarAuthorizer({
      policy: fixed(activeFrom(HOSPITAL)),
      resolver: resolver(['clinician'], false),
      clock,
    });
    const answer = await authorizer.explain(context, {
      action: 'documents.export',
      classification: 'phi',
      exportFormat: 'docx',
    });
    expect(answer).toMatchObject({ decision: 'deny', policyId: 'phi-docx-offline' });
  });

  it('a channel added to the contract but not catalogued is an action in no group: denied by default', () => {
    const active = activeFrom(HOSPITAL, {}, ['reports.generate']);
    const facts = {
      action: 'reports.generate',
      user: { id: 'alice', roles: ['clinician'], department: '', clearance: 'phi' as const },
      resource: { kind: 'workspace' as const },
      device: { id: 'laptop', managed: true, online: true },
      now: clock.now(),
    };
    expect(active.compiled.actions.get('reports.generate')).toMatchObject({ group: null, policySetId: null });
    expect(evaluatePolicies(active.compiled, facts)).toMatchObject({
      decision: 'deny',
      policyId: 'default-deny',
    });
    // It is still in the schema, so a bundle may permit it by name.
    const named = activeFrom(
      `${HOSPITAL}\n@id("reports") permit (principal, action == Action::"reports.generate", resource);`,
      {},
      ['reports.generate'],
    );
    expect(evaluatePolicies(named.compiled, facts)).toMatchObject({ decision: 'allow', policyId: 'reports' });
  });

  it('the policy.current and policy.explain replies satisfy the contract', async () => {
    const refusals: string[] = [];
    const store = createPolicyStore({
      state: createMemoryPolicyStateStore(),
      trustedKeys: [trustedKeyFromPem(key.publicKeyPem)],
      clock,
      onRefused: (r) => refusals.push(r.code),
    });
    const builtin = policyContract['policy.current'].reply.parse(policyCurrentView(store));
    expect(builtin).toMatchObject({ source: 'builtin', tenant: null, settings: { modelAllowlist: null } });
    await store.install('{"unsigned":true}');
    await store.install(JSON.stringify(signPolicyBundle(bundleWith(HOSPITAL), key.privateKeyPem)));
    const current = policyContract['policy.current'].reply.parse(policyCurrentView(store));
    expect(current).toMatchObject({
      source: 'bundle',
      expired: false,
      tenant: 'st-mary',
      version: 1,
      signerKeyId: key.keyId,
      policyCount: 4,
      lastRefusal: { code: 'unsigned' },
    });
    const authorizer = createCedarAuthorizer({
      policy: store,
      resolver: resolver(['clinician'], false),
      clock,
    });
    const request = policyContract['policy.explain'].request.parse({
      action: 'documents.export',
      classification: 'phi',
      exportFormat: 'docx',
    });
    const answer = policyContract['policy.explain'].reply.parse(
      await policyExplainView(authorizer, context, request),
    );
    expect(answer).toMatchObject({ decision: 'deny', policyId: 'phi-docx-offline' });
  });

  it('applies a newly installed bundle to the next call', async () => {
    const store = createPolicyStore({
      state: createMemoryPolicyStateStore(),
      trustedKeys: [trustedKeyFromPem(key.publicKeyPem)],
      clock,
    });
    const authorizer = createCedarAuthorizer({ policy: store, resolver: resolver(['clinician']), clock });
    const ask = () =>
      authorizer.authorize({ action: 'settings.setLocale', request: { locale: 'en' }, context });
    expect((await ask()).decision).toBe('allow');
    await store.install(JSON.stringify(signPolicyBundle(bundleWith(HOSPITAL), key.privateKeyPem)));
    expect(await ask()).toMatchObject({ decision: 'deny', policyId: 'no-locale' });
  });
});

describe('AI channels', () => {
  it('treat text without a document as an unsaved draft of the caller, PHI unless the request says otherwise', async () => {
    const hospital = activeFrom(
      `${HOSPITAL}\n@id("no-ai-on-phi-unmanaged") @reason("No AI on PHI here.") forbid (principal, action in Action::"ai", resource is Document) when { resource.classification == "phi" };\n@id("ai") permit (principal, action in Action::"ai", resource is Document) when { resource.owner == principal };`,
    );
    const authorizer = createCedarAuthorizer({
      policy: fixed(hospital),
      resolver: resolver(['clinician']),
      clock,
    });
    const chat = (request: object) =>
      authorizer.authorize({ action: 'assistant.chat' as never, request, context });
    expect(await chat({ messages: [] })).toMatchObject({
      decision: 'deny',
      policyId: 'no-ai-on-phi-unmanaged',
    });
    expect(await chat({ messages: [], classification: 'internal' })).toMatchObject({
      decision: 'allow',
      policyId: 'ai',
    });
    // With a documentId, the stored document's classification decides, not the request's.
    expect(await chat({ messages: [], documentId: 'my-phi', classification: 'public' })).toMatchObject({
      decision: 'deny',
    });
    // A model pack id is not a document id.
    const test = await authorizer.authorize({
      action: 'models.testPrompt' as never,
      request: { id: 'tiny-gpt2', prompt: 'hi' },
      context,
    });
    expect(test).toMatchObject({ decision: 'deny', policyId: 'no-ai-on-phi-unmanaged' });
  });
});
