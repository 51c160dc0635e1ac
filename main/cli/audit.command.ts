/**
 * `starring audit …`: the compliance officer's and IT's access to the audit log without the UI.
 *
 *   export   a signed audit bundle (.zip) for a time range, users or actions
 *   verify   check a bundle from anyone, using nothing but the bundle (exit 0 = valid)
 *   tail     the newest entries
 *   siem     entries as RFC 5424 syslog or JSON lines for a SIEM
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditEntry } from '../../common/audit/entry.schema';
import { entryLine } from '../../common/audit/jcs';
import { exportBundle } from '../core/audit/bundle-export';
import { verifyBundle } from '../core/audit/bundle-verify';
import { openAuditForCli } from '../core/audit/cli-audit-open';
import { siemLine, type SiemFormat } from '../core/audit/siem-export';
import { normalizeBound } from '../core/audit/audit-query';
import { systemClock } from '../core/clock';
import type { CommandGroup, CommandIo } from './command';

export { openAuditForCli } from '../core/audit/cli-audit-open';

const USAGE = [
  'starring audit export --vault DIR [--from ISO] [--to ISO] [--actor A]... [--action X]... --out FILE',
  'starring audit verify FILE [--device-key PEM] [--server-key PEM]',
  'starring audit tail --vault DIR [-n N] [--json]',
  'starring audit siem --vault DIR --format syslog|jsonl [--from ISO] [--to ISO]',
  '(until the vault is wired, the audit log key comes from STARRING_PASSPHRASE)',
];

function usageError(io: CommandIo, message: string): number {
  io.err(`starring audit: ${message}`);
  io.err(`Usage:\n  ${USAGE.slice(0, 4).join('\n  ')}`);
  return 2;
}

function isoOrThrow(value: string | undefined, name: string): string | undefined {
  try {
    return normalizeBound(value);
  } catch {
    throw new Error(`--${name} must be an ISO 8601 date or time, e.g. 2026-11-01 or 2026-11-01T08:00:00Z`);
  }
}

function actorOf(io: CommandIo): string {
  return io.env.STARRING_ACTOR ?? io.env.USER ?? io.env.USERNAME ?? 'cli';
}

async function runExport(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      vault: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      actor: { type: 'string', multiple: true },
      action: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  });
  if (!values.vault || !values.out) return usageError(io, 'export needs --vault and --out');
  const filter = {
    ...(values.from ? { from: isoOrThrow(values.from, 'from') } : {}),
    ...(values.to ? { to: isoOrThrow(values.to, 'to') } : {}),
    ...(values.actor?.length ? { actors: values.actor } : {}),
    ...(values.action?.length ? { actions: values.action } : {}),
  };
  const out = resolve(values.out);
  const audit = await openAuditForCli(resolve(values.vault), io.env);
  try {
    const actor = actorOf(io);
    // The export is itself an audited act, recorded before the bundle is cut so it is inside it.
    await audit.log.append({
      actor,
      action: 'audit.export',
      resource: { type: 'audit-bundle', id: basename(out) },
      outcome: 'success',
      details: { via: 'cli', filter },
    });
    let lastTenth = -1;
    const result = await exportBundle(audit.log, {
      out,
      filter,
      createdBy: actor,
      clock: systemClock,
      onProgress(done, total) {
        const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        io.out(`exporting: ${done}/${total} entries (${tenth * 10}%)`);
      },
    });
    io.out(
      `exported ${result.entries} entries (${result.disclosed} matching, ${result.redacted} redacted) to ${result.path}: ${result.bytes} bytes, sha256 ${result.sha256}`,
    );
    return 0;
  } finally {
    await audit.close();
  }
}

async function runVerify(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'device-key': { type: 'string', multiple: true }, 'server-key': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) return usageError(io, 'verify needs exactly one bundle file');
  const trusted = await Promise.all((values['device-key'] ?? []).map((path) => readFile(path, 'utf8')));
  const result = await verifyBundle(resolve(file), {
    ...(trusted.length > 0 ? { trustedDeviceKeys: trusted } : {}),
    ...(values['server-key'] ? { serverPublicKeyPem: await readFile(values['server-key'], 'utf8') } : {}),
  });
  if (!result.ok) {
    const { file: member, device, seq, message } = result.failure;
    io.err(`INVALID ${file}`);
    io.err(`  file:   ${member}`);
    if (device !== undefined) io.err(`  device: ${device}`);
    if (seq !== undefined) io.err(`  seq:    ${seq}`);
    io.err(`  reason: ${message}`);
    return 1;
  }
  const { summary } = result;
  io.out(`VALID ${file}`);
  io.out(`  signed by device ${summary.signer} on ${summary.createdAt} for ${summary.createdBy}`);
  for (const device of summary.devices) {
    io.out(
      `  device ${device.id}: seq ${device.anchorSeq + 1}…${device.lastSeq}, ${device.entries} entries (${device.redacted} redacted), head ${device.head}`,
    );
  }
  io.out(
    `  ${summary.files} files, ${summary.checkpoints} checkpoints, ${summary.receipts} receipts: all hold`,
  );
  return 0;
}

function humanLine(entry: AuditEntry): string {
  const resource = entry.resource.id ? `${entry.resource.type}:${entry.resource.id}` : entry.resource.type;
  return `${String(entry.seq).padStart(8)}  ${entry.ts}  ${entry.outcome.padEnd(7)}  ${entry.actor}  ${entry.action}  ${resource}`;
}

async function runTail(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      vault: { type: 'string' },
      n: { type: 'string', short: 'n', default: '20' },
      json: { type: 'boolean' },
    },
  });
  const n = Number(values.n);
  if (!values.vault || !Number.isInteger(n) || n < 1)
    return usageError(io, 'tail needs --vault and a positive -n');
  const audit = await openAuditForCli(resolve(values.vault), io.env, { readOnly: true });
  try {
    for (const entry of await audit.log.tail(Math.min(n, 100_000))) {
      io.out(values.json ? entryLine(entry) : humanLine(entry));
    }
    return 0;
  } finally {
    await audit.close();
  }
}

async function runSiem(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      vault: { type: 'string' },
      format: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  if (!values.vault || (values.format !== 'syslog' && values.format !== 'jsonl')) {
    return usageError(io, 'siem needs --vault and --format syslog|jsonl');
  }
  const format: SiemFormat = values.format;
  const from = isoOrThrow(values.from, 'from');
  const to = isoOrThrow(values.to, 'to');
  const audit = await openAuditForCli(resolve(values.vault), io.env, { readOnly: true });
  try {
    for await (const batch of audit.log.read(audit.log.anchor().seq + 1, audit.log.head().seq)) {
      for (const entry of batch) {
        if ((from === undefined || entry.ts >= from) && (to === undefined || entry.ts < to)) {
          io.out(siemLine(format, entry));
        }
      }
    }
    return 0;
  } finally {
    await audit.close();
  }
}

export const auditCommand: CommandGroup = {
  name: 'audit',
  summary: 'Export, verify and inspect the tamper-evident audit log.',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'export':
        return runExport(rest, io);
      case 'verify':
        return runVerify(rest, io);
      case 'tail':
        return runTail(rest, io);
      case 'siem':
        return runSiem(rest, io);
      default:
        return usageError(io, sub === undefined ? 'which audit command?' : `unknown audit command "${sub}"`);
    }
  },
};
