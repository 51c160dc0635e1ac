/**
 * Policy benchmarks, run by bench/run.ts (`npx tsx bench/run.ts policy`).
 *
 * policy.authz_p50_ms / policy.authz_p99_ms — latency of one `authorize()` through the Cedar
 *   authorizer (entity resolution + decision), over CALLS calls after WARMUP, with a 200-policy
 *   bundle and a directory of 10,000 entities (9,000 users in 40 roles and departments, 1,000
 *   documents). The resolver looks the principal and the resource up in the directory and hands Cedar
 *   only the entities the request concerns (principal with its roles, resource, action) —
 *   how Cedar is meant to be fed. The cost of passing the whole directory per call is logged for
 *   comparison, not reported as a figure.
 * router.overhead_ratio — median time of a cheap audited call (`settings.setLocale`, a handler that
 *   returns at once) through createRouter with the Cedar authorizer and an in-memory audit sink,
 *   divided by the same call with an allow-all authorizer and a no-op sink.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { Classification, ContractKey } from '../common/contract';
import type { PolicyBundle } from '../common/policy/policy-bundle';
import { repoRoot } from '../main/core/app/app-version';
import { policyActions } from '../main/core/policy/action-catalog';
import { bundleActivePolicy } from '../main/core/policy/active-policy';
import { createCedarAuthorizer } from '../main/core/policy/cedar-authorizer';
import type { DocumentFacts, EntityResolver, UserFacts } from '../main/core/policy/entity-resolver';
import { compilePolicies } from '../main/core/policy/policy-compiler';
import { createMemoryAuditSink, type AuditSink } from '../main/core/router/audit-sink';
import { createAllowListAuthorizer, type Authorizer } from '../main/core/router/authorizer';
import type { CallContext } from '../main/core/router/call-context';
import type { ChannelHandlers, StreamHandlers } from '../main/core/router/handlers';
import { createRouter } from '../main/core/router/router';

const CALLS = 20_000;
const WARMUP = 2_000;
const DEPARTMENTS = 40;
const USERS = 9_000;
const DOCUMENTS = 1_000;
const classifications: Classification[] = ['public', 'internal', 'confidential', 'phi'];
const roles = ['clinician', 'engineer', 'reviewer', 'compliance-officer', 'it-admin', 'viewer'];

/** base-roles + healthcare (15 policies) and department rules up to exactly 200. */
function policies200(): string {
  const read = (...p: string[]) => readFileSync(join(repoRoot, 'policies', ...p), 'utf8');
  const parts = [read('base-roles.cedar'), read('healthcare', 'policies.cedar')];
  let count = (parts.join('\n').match(/@id\(/g) ?? []).length;
  const groups = ['read', 'write', 'ai', 'export', 'sign'];
  for (let i = 0; count < 200; i += 1, count += 1) {
    const dept = `dept-${i % DEPARTMENTS}`;
    const group = groups[i % groups.length]!;
    parts.push(
      i % 4 === 3
        ? `@id("rule-${i}") @reason("${dept} may not use ${group} on confidential documents after hours.")
forbid (principal, action in Action::"${group}", resource is Document)
when { principal.department == "${dept}" && resource.classificationLevel >= 2 && context.time.hour >= ${18 + (i % 6)} };`
        : `@id("rule-${i}") @reason("${dept} staff may use ${group} on internal documents.")
permit (principal in Role::"staff-${i % DEPARTMENTS}", action in Action::"${group}", resource is Document)
when { principal.department == "${dept}" && resource.classificationLevel <= 1 };`,
    );
  }
  return parts.join('\n');
}

function directory() {
  const users = new Map<string, UserFacts>();
  for (let i = 0; i < USERS; i += 1) {
    users.set(`user-${i}`, {
      id: `user-${i}`,
      roles: [roles[i % roles.length]!, `staff-${i % DEPARTMENTS}`],
      department: `dept-${i % DEPARTMENTS}`,
      clearance: classifications[i % 4]!,
    });
  }
  const documents = new Map<string, DocumentFacts>();
  for (let i = 0; i < DOCUMENTS; i += 1) {
    documents.set(`doc-${i}`, {
      kind: 'document',
      id: `doc-${i}`,
      classification: classifications[i % 4]!,
      owner: `user-${(i * 7) % USERS}`,
      industry: 'healthcare',
      state: i % 3 === 0 ? 'signed' : 'draft',
    });
  }
  return { users, documents };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export default async function run(log: (m: string) => void): Promise<Record<string, number>> {
  const actions = policyActions();
  const text = policies200();
  const compiled = compilePolicies(text, { label: 'bench', actions });
  if (!compiled.ok) throw new Error(compiled.message);
  log(
    `policies: ${compiled.compiled.policies.size}; entities: ${USERS} users + ${DOCUMENTS} documents = ${USERS + DOCUMENTS}`,
  );
  const bundle = {
    tenant: 'bench',
    version: 1,
    expiresAt: '2099-01-01T00:00:00Z',
    policies: text,
  } as PolicyBundle;
  const active = bundleActivePolicy(
    {
      ...bundle,
      settings: {
        exportFormats: { public: ['pdf'], internal: ['pdf'], confidential: ['pdf'], phi: ['pdf'] },
      },
    } as PolicyBundle,
    'bench',
    compiled.compiled,
    actions,
    false,
  );
  const { users, documents } = directory();
  const resolver: EntityResolver = {
    user: (context) => users.get(context.actor)!,
    resource: (_action, request, kind) =>
      kind === 'document'
        ? documents.get((request as { documentId: string }).documentId)!
        : { kind: 'workspace' },
    device: () => ({ id: 'bench-device', managed: true, online: true }),
  };
  const clock = { now: () => new Date(2026, 10, 24, 10, 0) };
  const authorizer = createCedarAuthorizer({ policy: { current: () => active }, resolver, clock });

  const mix: ContractKey[] = [
    'documents.open' as ContractKey,
    'documents.save' as ContractKey,
    'documents.export' as ContractKey,
    'app.info',
    'documents.list',
  ];
  const samples: number[] = [];
  let allowed = 0;
  let cpuStart = process.cpuUsage();
  for (let i = 0; i < WARMUP + CALLS; i += 1) {
    if (i === WARMUP) cpuStart = process.cpuUsage();
    const action = mix[i % mix.length]!;
    const context: CallContext = { transport: 'test', actor: `user-${(i * 131) % USERS}`, origin: 'bench' };
    const request = { documentId: `doc-${(i * 17) % DOCUMENTS}`, format: 'pdf' };
    const started = performance.now();
    const decision = await authorizer.authorize({ action, request, context });
    const elapsed = performance.now() - started;
    if (i >= WARMUP) {
      samples.push(elapsed);
      if (decision.decision === 'allow') allowed += 1;
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50);
  const p99 = percentile(samples, 99);
  log(
    `authorize × ${CALLS}: p50 ${(p50 * 1000).toFixed(1)} µs, p99 ${(p99 * 1000).toFixed(1)} µs, max ${(samples.at(-1)! * 1000).toFixed(0)} µs; ${allowed} allowed`,
  );
  // Wall-clock percentiles include time the OS gave to other processes; CPU time per call does not.
  log(
    `process CPU per call ${((cpu.user + cpu.system) / CALLS).toFixed(0)} µs; ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${os.cpus().length} CPUs`,
  );

  // For comparison only: the whole directory handed to Cedar on every call.
  const everything: cedar.EntityJson[] = [...users.values()].map((u) => ({
    uid: { type: 'User', id: u.id },
    attrs: { department: u.department, clearance: classifications.indexOf(u.clearance) },
    parents: u.roles.map((id) => ({ type: 'Role', id })),
  }));
  for (const d of documents.values()) {
    everything.push({
      uid: { type: 'Document', id: d.id },
      attrs: {
        classification: d.classification,
        classificationLevel: classifications.indexOf(d.classification),
        owner: { __entity: { type: 'User', id: d.owner } },
        industry: d.industry,
        state: d.state,
      },
      parents: [],
    });
  }
  everything.push({
    uid: { type: 'Action', id: 'documents.open' },
    attrs: {},
    parents: [{ type: 'Action', id: 'read' }],
  });
  const psetId = compiled.compiled.actions.get('documents.open')!.policySetId!;
  const whole: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    cedar.statefulIsAuthorized({
      principal: { type: 'User', id: 'user-1' },
      action: { type: 'Action', id: 'documents.open' },
      resource: { type: 'Document', id: 'doc-1' },
      context: { device: { managed: true, online: true }, time: { hour: 10, weekday: 2, epochSeconds: 0 } },
      preparsedPolicySetId: psetId,
      entities: everything,
    });
    whole.push(performance.now() - started);
  }
  log(
    `for comparison, all ${everything.length} entities per call: ${median(whole).toFixed(0)} ms (median of 3)`,
  );

  const ratio = await routerOverhead(authorizer, clock, log);
  return { 'policy.authz_p50_ms': p50, 'policy.authz_p99_ms': p99, 'router.overhead_ratio': ratio };
}

async function routerOverhead(
  cedarAuthorizer: Authorizer,
  clock: { now(): Date },
  log: (m: string) => void,
): Promise<number> {
  const channels = {
    'settings.setLocale': ({ locale }: { locale: 'en' }) => ({ locale }),
  } as unknown as ChannelHandlers;
  const streams = {} as StreamHandlers;
  const noopSink: AuditSink = { store: 'memory', record: () => undefined, recent: () => [] };
  const routers = {
    cedar: createRouter({
      channels,
      streams,
      authorizer: cedarAuthorizer,
      audit: createMemoryAuditSink(clock),
    }),
    baseline: createRouter({
      channels,
      streams,
      authorizer: createAllowListAuthorizer('all', ['settings.setLocale']),
      audit: noopSink,
    }),
  };
  const context: CallContext = { transport: 'test', actor: 'user-1', origin: 'bench' };
  const times: Record<keyof typeof routers, number[]> = { cedar: [], baseline: [] };
  // Interleaved, so machine noise hits both sides alike.
  for (let i = 0; i < 2 * WARMUP + CALLS; i += 1) {
    for (const name of ['cedar', 'baseline'] as const) {
      const started = performance.now();
      const result = await routers[name].invoke(context, 'settings.setLocale', { locale: 'en' });
      const elapsed = performance.now() - started;
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      if (i >= 2 * WARMUP) times[name].push(elapsed);
    }
  }
  const cedarMs = median(times.cedar);
  const baselineMs = median(times.baseline);
  log(
    `router call: ${(cedarMs * 1000).toFixed(1)} µs with Cedar + memory audit vs ${(baselineMs * 1000).toFixed(1)} µs allow-all + no-op sink`,
  );
  return cedarMs / baselineMs;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await run((m) => console.log(m)), null, 2));
}
