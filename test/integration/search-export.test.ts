/**
 * documents.export through the real core and router: files written with the right bytes, the
 * audit entry (format, document, bytes, sha256), the built-in policy's PHI refusal, and the
 * healthcare sample bundle's offline-DOCX refusal in its own words.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyOf, RequestOf } from '../../common/contract';
import type { Result } from '../../common/errors';
import { PolicyBundle, SignedPolicyBundle } from '../../common/policy/policy-bundle';
import { createCore, type Core } from '../../main/core/core';
import { seedDemo } from '../../main/core/demo/seed-demo';
import { policyActions } from '../../main/core/policy/action-catalog';
import { bundleActivePolicy } from '../../main/core/policy/active-policy';
import { createCedarAuthorizer } from '../../main/core/policy/cedar-authorizer';
import { createLocalEntityResolver } from '../../main/core/policy/entity-resolver';
import { compilePolicies } from '../../main/core/policy/policy-compiler';
import { createMemoryAuditSink, type AuditRecord } from '../../main/core/router/audit-sink';
import type { Authorizer } from '../../main/core/router/authorizer';
import type { CallContext } from '../../main/core/router/call-context';
import { repoRoot } from '../../main/core/app/app-version';
import { fhirR4SubsetSchema } from '../../main/core/export/fhir/fhir-r4-subset.schema';
import { validateJson } from '../../main/core/export/fhir/json-schema-lite';

const ctx: CallContext = { transport: 'test', actor: 'local-user', origin: 'w' };
const PASSPHRASE = 'quiet-otter-lantern-47-harbor';

let dir: string;
let core: Core;
let audited: AuditRecord[];

async function start(authorizer?: (core: () => Core) => Authorizer): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'starring-export-'));
  audited = [];
  const sink = createMemoryAuditSink({ now: () => new Date() });
  const audit = { ...sink, record: (r: AuditRecord) => (audited.push(r), sink.record(r)) };
  core = await createCore({
    dataDir: dir,
    transport: 'test',
    version: '0.0.0',
    scrypt: { N: 1024, r: 8, p: 1 },
    managedSource: { read: async () => [] },
    audit,
    ...(authorizer && { authorizer: authorizer(() => core) }),
  });
  await core.vault.create({ passphrase: PASSPHRASE, useOsKeystore: false });
  await seedDemo(core.vault.unlocked(), {});
}

async function idOf(title: string): Promise<string> {
  const page = await core.vault.unlocked().documents.list({ limit: 100 });
  return page.items.find((d) => d.title.startsWith(title))!.id;
}

function exportDoc(request: RequestOf<'documents.export'>): Promise<Result<ReplyOf<'documents.export'>>> {
  return core.router.invoke(ctx, 'documents.export', request) as Promise<Result<ReplyOf<'documents.export'>>>;
}

afterEach(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

describe('documents.export under the built-in policy', () => {
  beforeEach(() => start());

  it('writes Markdown, DOCX and PDF into the exports folder and audits format, bytes and sha256', async () => {
    const id = await idOf('Maintenance procedure');
    for (const format of ['markdown', 'docx', 'pdf'] as const) {
      const r = await exportDoc({ documentId: id, format });
      if (!r.ok) throw new Error(r.error.message);
      const bytes = await readFile(r.value.path);
      expect(r.value.path.startsWith(join(dir, 'exports'))).toBe(true);
      expect(bytes.length).toBe(r.value.bytes);
      expect(bytes.length).toBeGreaterThan(500);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.value.sha256);
      const entry = audited.find(
        (a) => a.action === 'documents.export' && a.outcome === 'success' && a.details?.format === format,
      );
      expect(entry?.details).toMatchObject({
        format,
        documentId: id,
        bytes: bytes.length,
        sha256: r.value.sha256,
      });
    }
    const md = await readFile(
      join(dir, 'exports', 'Maintenance procedure — hydraulic press HP-400 seal replacement v2.md'),
      'utf8',
    );
    expect(md).toContain('210 bar');
  }, 60_000);

  it('refuses PHI exports with the policy sentence, audits the denial and writes nothing', async () => {
    const id = await idOf('SOAP progress note');
    const r = await exportDoc({ documentId: id, format: 'docx' });
    expect(r).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    if (r.ok) return;
    expect(r.error.message).toMatch(/PHI cannot be exported/);
    expect(audited.some((a) => a.action === 'documents.export' && a.outcome === 'deny')).toBe(true);
  });

  it('refuses a FHIR export of a non-clinical document, listing what is missing', async () => {
    const id = await idOf('Maintenance procedure');
    const r = await exportDoc({ documentId: id, format: 'fhir' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!r.ok)
      expect(r.error.message).toMatch(/missing a clinical document.*Composition\.type.*Composition\.subject/);
  });

  it('names an unknown document', async () => {
    const r = await exportDoc({ documentId: 'no-such-doc', format: 'markdown' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('documents.export under the healthcare sample bundle', () => {
  /** The signed sample bundle, for a clinician on a managed device that is offline; every document signed. */
  function healthcare(online: boolean) {
    return (getCore: () => Core): Authorizer => {
      return createCedarAuthorizer({
        policy: {
          current: () => active,
        },
        resolver: createLocalEntityResolver({
          roles: ['clinician'],
          device: () => ({ id: 'ward-laptop', managed: true, online }),
          findDocument: async (id) => {
            const d = await getCore()
              .vault.unlocked()
              .documents.get(id)
              .catch(() => undefined);
            return (
              d && {
                id,
                classification: d.classification,
                owner: 'local-user',
                industry: 'healthcare',
                state: 'signed',
              }
            );
          },
        }),
        clock: { now: () => new Date() },
      });
    };
  }
  let active: ReturnType<typeof bundleActivePolicy>;

  beforeEach(async () => {
    const envelope = SignedPolicyBundle.parse(
      JSON.parse(await readFile(join(repoRoot, 'policies', 'healthcare', 'healthcare.signed.json'), 'utf8')),
    );
    const actions = policyActions();
    const bundle = PolicyBundle.parse(envelope.bundle);
    const compiled = compilePolicies(bundle.policies, { label: 'healthcare', actions });
    if (!compiled.ok) throw new Error(compiled.message);
    active = bundleActivePolicy(bundle, envelope.keyId, compiled.compiled, actions, false);
  });

  it('denies a PHI DOCX export while offline in the organisation’s words', async () => {
    await start(healthcare(false));
    const r = await exportDoc({ documentId: await idOf('SOAP progress note'), format: 'docx' });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_DENIED',
        message: expect.stringContaining(
          "Your organisation's policy does not allow exporting PHI documents as DOCX while offline",
        ),
      },
    });
  });

  it('exports the demo SOAP note as a FHIR R4 document bundle that validates', async () => {
    await start(healthcare(false));
    const r = await exportDoc({ documentId: await idOf('SOAP progress note'), format: 'fhir' });
    if (!r.ok) throw new Error(r.error.message);
    const bundle = JSON.parse(await readFile(r.value.path, 'utf8')) as {
      entry: Array<{ resource: { resourceType: string; subject?: unknown; section?: unknown[] } }>;
    };
    expect(validateJson(fhirR4SubsetSchema, bundle)).toEqual([]);
    expect(r.value.mediaType).toBe('application/fhir+json');
    const composition = bundle.entry[0]!.resource;
    expect(composition.resourceType).toBe('Composition');
    expect(composition.section!.length).toBeGreaterThanOrEqual(4);
    expect(bundle.entry.map((e) => e.resource.resourceType)).toContain('Patient');
  });

  it('allows the PDF and refuses Markdown for PHI, as the bundle’s export formats say', async () => {
    await start(healthcare(false));
    const id = await idOf('SOAP progress note');
    const pdf = await exportDoc({ documentId: id, format: 'pdf' });
    expect(pdf.ok).toBe(true);
    const md = await exportDoc({ documentId: id, format: 'markdown' });
    expect(md).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_DENIED',
        message: expect.stringMatching(/as Markdown \(allowed: PDF, DOCX, FHIR\)/),
      },
    });
  }, 60_000);
});
