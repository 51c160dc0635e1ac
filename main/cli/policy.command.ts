import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Classification } from '../../common/contract';
import { PolicyBundle } from '../../common/policy/policy-bundle';
import { policyActions } from '../core/policy/action-catalog';
import { builtinActivePolicy, bundleActivePolicy, type ActivePolicy } from '../core/policy/active-policy';
import { describeBundle } from '../core/policy/bundle-describe';
import { generatePolicyKeyPair, signPolicyBundle, trustedKeyFromPem } from '../core/policy/bundle-signature';
import { openSignedBundle, readBundleUnverified } from '../core/policy/bundle-verifier';
import { builtinRoles, referencedRoles } from '../core/policy/builtin-roles';
import { checkLockout } from '../core/policy/lockout-check';
import { compilePolicies } from '../core/policy/policy-compiler';
import type { ResourceFacts } from '../core/policy/entity-resolver';
import { decide } from '../core/policy/policy-decision';
import { createMemoryPolicyStateStore } from '../core/policy/policy-state.store';
import { createPolicyStore } from '../core/policy/policy-store';
import { roleMatrix } from '../core/policy/role-matrix';
import type { CommandGroup, CommandIo } from './command';

/** `starring policy explain` exits with this when the answer is "deny" (0 is "allow"). */
export const EXPLAIN_DENY_EXIT = 3;

const usage = [
  'starring policy keygen --out DIR [--name policy-key]',
  'starring policy sign --key KEY.pem --in bundle.json [--policies FILE.cedar ...] --out bundle.signed.json',
  'starring policy verify --pub KEY.pub.pem [--pub ...] [--tenant T] [--at ISO-TIME] FILE',
  'starring policy show FILE',
  'starring policy explain [--bundle FILE [--pub KEY.pub.pem]] --user U --roles r1,r2 --action A',
  '    [--classification public|internal|confidential|phi] [--format pdf|docx|markdown|fhir]',
  '    [--owner USER] [--state draft|signed] [--clearance C] [--department D] [--offline] [--unmanaged] [--at ISO]',
  'starring policy matrix [--bundle FILE] [--roles r1,r2]',
];

class UsageError extends Error {}

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

function instant(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at: "${value}" is not an ISO 8601 time`);
  return at;
}

async function keygen(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, name: { type: 'string', default: 'policy-key' } },
  });
  const dir = resolve(need(values.out, '--out'));
  await mkdir(dir, { recursive: true });
  const pair = generatePolicyKeyPair();
  const privatePath = join(dir, `${values.name}.pem`);
  const publicPath = join(dir, `${values.name}.pub.pem`);
  // 'wx': never overwrite a key — losing a tenant key means re-keying every device.
  await writeFile(privatePath, pair.privateKeyPem, { flag: 'wx', mode: 0o600 });
  await writeFile(publicPath, pair.publicKeyPem, { flag: 'wx' });
  io.out(`key id   ${pair.keyId}`);
  io.out(`private  ${privatePath}  (keep offline; whoever holds it sets policy for every device)`);
  io.out(`public   ${publicPath}  (distribute as the managed setting PolicyPublicKey)`);
  return 0;
}

async function sign(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      key: { type: 'string' },
      in: { type: 'string' },
      out: { type: 'string' },
      policies: { type: 'string', multiple: true },
    },
  });
  const source = JSON.parse(await readFile(need(values.in, '--in'), 'utf8')) as Record<string, unknown>;
  const files = values.policies ?? [];
  if (files.length > 0) {
    if ('policies' in source)
      throw new UsageError('--policies given, but the --in file already has "policies"');
    source.policies = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
  }
  const parsed = PolicyBundle.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    io.err(`Not a valid policy bundle: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
    return 1;
  }
  const compiled = compilePolicies(parsed.data.policies, { label: 'sign', actions: policyActions() });
  if (!compiled.ok) {
    io.err(`Refusing to sign: ${compiled.message}`);
    return 1;
  }
  const lockout = checkLockout(compiled.compiled, parsed.data.policies);
  for (const warning of [...compiled.compiled.warnings, ...lockout.warnings]) io.err(`warning: ${warning}`);
  if (lockout.lockedOut.length > 0) {
    io.err(`Refusing to sign: every user would be locked out of ${lockout.lockedOut.join(', ')}.`);
    return 1;
  }
  const envelope = signPolicyBundle(parsed.data, await readFile(need(values.key, '--key'), 'utf8'));
  const out = need(values.out, '--out');
  await writeFile(out, `${JSON.stringify(envelope, null, 2)}\n`);
  io.out(`signed ${parsed.data.tenant} version ${parsed.data.version} with key ${envelope.keyId} → ${out}`);
  return 0;
}

async function verify(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { pub: { type: 'string', multiple: true }, tenant: { type: 'string' }, at: { type: 'string' } },
  });
  const file = need(positionals[0], 'FILE');
  const pubs = values.pub ?? [];
  if (pubs.length === 0) throw new UsageError('--pub is required');
  const trustedKeys = await Promise.all(
    pubs.map(async (pub) => trustedKeyFromPem(await readFile(pub, 'utf8'))),
  );
  const at = instant(values.at);
  const store = createPolicyStore({
    state: createMemoryPolicyStateStore(),
    trustedKeys,
    clock: { now: () => at },
    ...(values.tenant !== undefined && { tenant: values.tenant }),
  });
  const outcome = await store.install(await readFile(file));
  if (!outcome.ok) {
    io.err(`REFUSED (${outcome.refusal.code}): ${outcome.refusal.message}`);
    return 1;
  }
  const { bundle, keyId } = store.current();
  for (const warning of outcome.warnings) io.err(`warning: ${warning}`);
  io.out(
    `OK: ${bundle?.tenant} version ${bundle?.version}, signed by key ${keyId}, valid until ${bundle?.expiresAt}`,
  );
  return 0;
}

async function show(args: string[], io: CommandIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const read = readBundleUnverified(await readFile(need(positionals[0], 'FILE'), 'utf8'));
  if (!read.ok) {
    io.err(read.message);
    return 1;
  }
  const compiled = compilePolicies(read.bundle.policies, { label: 'show', actions: policyActions() });
  for (const line of describeBundle(read.bundle, read.keyId, compiled, new Date())) io.out(line);
  return compiled.ok ? 0 : 1;
}

/** The policy `explain` and `matrix` evaluate: a bundle file (checked with --pub when given) or the built-in one. */
async function policyFrom(bundleFile: string | undefined, pubs: string[], at: Date): Promise<ActivePolicy> {
  const actions = policyActions();
  if (bundleFile === undefined) return builtinActivePolicy(actions);
  const raw = await readFile(bundleFile, 'utf8');
  let read: ReturnType<typeof readBundleUnverified>;
  if (pubs.length > 0) {
    const keys = await Promise.all(pubs.map(async (pub) => trustedKeyFromPem(await readFile(pub, 'utf8'))));
    const opened = openSignedBundle(raw, keys);
    if (!opened.ok) throw new Error(`${opened.refusal.message} (${opened.refusal.code})`);
    read = { ok: true, bundle: opened.value.bundle, keyId: opened.value.keyId };
  } else {
    read = readBundleUnverified(raw);
  }
  if (!read.ok) throw new Error(read.message);
  const compiled = compilePolicies(read.bundle.policies, { label: bundleFile, actions });
  if (!compiled.ok) throw new Error(compiled.message);
  const expired = at.getTime() >= Date.parse(read.bundle.expiresAt);
  return bundleActivePolicy(read.bundle, read.keyId, compiled.compiled, actions, expired);
}

function classification(value: string | undefined, fallback: Classification, flag: string): Classification {
  const parsed = Classification.safeParse(value ?? fallback);
  if (!parsed.success) throw new UsageError(`${flag} must be one of ${Classification.options.join(', ')}`);
  return parsed.data;
}

async function explain(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      bundle: { type: 'string' },
      pub: { type: 'string', multiple: true },
      user: { type: 'string', default: 'local-user' },
      roles: { type: 'string', default: '' },
      action: { type: 'string' },
      classification: { type: 'string' },
      format: { type: 'string' },
      owner: { type: 'string' },
      state: { type: 'string', default: 'draft' },
      clearance: { type: 'string' },
      department: { type: 'string', default: '' },
      offline: { type: 'boolean', default: false },
      unmanaged: { type: 'boolean', default: false },
      at: { type: 'string' },
    },
  });
  const at = instant(values.at);
  const active = await policyFrom(values.bundle, values.pub ?? [], at);
  const action = need(values.action, '--action');
  const info = active.compiled.actions.get(action);
  if (!info)
    throw new UsageError(
      `unknown action "${action}"; actions: ${[...active.compiled.actions.keys()].join(', ')}`,
    );
  const state = values.state;
  if (state !== 'draft' && state !== 'signed') throw new UsageError('--state must be draft or signed');
  const roles = values.roles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const user = {
    id: values.user,
    roles,
    department: values.department,
    clearance: classification(values.clearance, 'phi', '--clearance'),
  };
  const docClass = classification(values.classification, 'internal', '--classification');
  const owner = values.owner ?? values.user;
  const resource: ResourceFacts =
    info.resource === 'document'
      ? { kind: 'document', id: 'explain', classification: docClass, owner, industry: 'business', state }
      : { kind: 'workspace' };
  const device = { id: 'explain', managed: !values.unmanaged, online: !values.offline };
  const decision = decide(active, { action, user, resource, device, exportFormat: values.format, now: at });

  const source =
    active.source === 'builtin' ? 'built-in policy' : `${active.bundle?.tenant} v${active.bundle?.version}`;
  const on =
    resource.kind === 'document' ? ` on a ${docClass} ${values.state} document owned by ${owner}` : '';
  const as = values.format ? ` as ${values.format}` : '';
  io.out(
    `${decision.decision.toUpperCase()}  ${action} by ${values.user} (roles: ${roles.join(', ') || 'none'})${on}${as}`,
  );
  io.out(
    `  device   ${device.managed ? 'managed' : 'unmanaged'}, ${device.online ? 'online' : 'offline'}, ${at.toISOString()}`,
  );
  io.out(`  policy   ${source}${active.expired ? ' (EXPIRED: stricter fallback applies)' : ''}`);
  io.out(`  reason   ${decision.reason}`);
  io.out(
    `  decided  ${decision.policyId}${decision.determining.length > 1 ? ` (also: ${decision.determining.slice(1).join(', ')})` : ''}`,
  );
  for (const error of decision.errors) io.out(`  error    ${error}`);
  return decision.decision === 'allow' ? 0 : EXPLAIN_DENY_EXIT;
}

async function matrix(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      bundle: { type: 'string' },
      pub: { type: 'string', multiple: true },
      roles: { type: 'string' },
    },
  });
  const active = await policyFrom(values.bundle, values.pub ?? [], new Date());
  // The built-in policy knows no roles: one row for "any user" says it all.
  const roles = values.roles
    ? values.roles
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean)
    : active.source === 'builtin'
      ? ['*']
      : [...new Set([...builtinRoles, ...referencedRoles(active.bundle?.policies ?? '')])];
  io.out(roleMatrix(active, roles));
  return 0;
}

const subcommands: Record<string, (args: string[], io: CommandIo) => Promise<number>> = {
  keygen,
  sign,
  verify,
  show,
  explain,
  matrix,
};

/** `starring policy …`: for IT and compliance officers who author, sign and check policy bundles. */
export const policyCommand: CommandGroup = {
  name: 'policy',
  summary: 'Create, sign, verify, show and explain organisation policy bundles.',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    const handler = sub === undefined ? undefined : subcommands[sub];
    if (!handler || !Object.hasOwn(subcommands, sub!)) {
      io.err(
        `starring policy: ${sub === undefined ? 'a subcommand is required' : `unknown subcommand "${sub}"`}`,
      );
      for (const line of usage) io.err(`  ${line}`);
      return 2;
    }
    try {
      return await handler(rest, io);
    } catch (error) {
      if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        io.err(`starring policy ${sub}: ${(error as Error).message}`);
        return 2;
      }
      throw error;
    }
  },
};
