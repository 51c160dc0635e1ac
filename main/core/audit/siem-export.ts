/**
 * SIEM export: each entry as an RFC 5424 syslog line or as a JSON line carrying the same fields,
 * for Splunk, Elastic, QRadar and the like. Both formats are built from one field list so they
 * cannot drift apart.
 *
 * Syslog: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [audit@32473 k="v" …] MSG` with facility
 * 13 ("log audit"), severity 4 (warning) for denials and failures, 6 (informational) otherwise.
 * 32473 is the documentation enterprise number of RFC 5612; set `enterpriseId` to your own.
 */
import type { AuditEntry } from '../../../common/audit/entry.schema';

/** RFC 5424 syslog lines, or JSON lines with the same fields. */
export type SiemFormat = 'syslog' | 'jsonl';

/** Header fields of the syslog lines. */
export interface SiemOptions {
  /** HOSTNAME; defaults to the entry's device id. */
  hostname?: string;
  appName?: string;
  procId?: string;
  enterpriseId?: number;
}

const FACILITY_LOG_AUDIT = 13;
const NIL = '-';

/** The fields both formats carry, in a fixed order. */
export function siemFields(entry: AuditEntry): Array<[string, string | number]> {
  const reason = typeof entry.details.reason === 'string' ? entry.details.reason : '';
  const policyId = typeof entry.details.policyId === 'string' ? entry.details.policyId : '';
  return [
    ['seq', entry.seq],
    ['ts', entry.ts],
    ['tenant', entry.tenant],
    ['device', entry.device],
    ['actor', entry.actor],
    ['action', entry.action],
    ['resourceType', entry.resource.type],
    ['resourceId', entry.resource.id],
    ['outcome', entry.outcome],
    ['policyVersion', entry.policyVersion],
    ['policyId', policyId],
    ['reason', reason],
    ['prev', entry.prev],
    ['hash', entry.hash],
  ];
}

/** Syslog severity: 4 (warning) for denials and failures, 6 (informational) otherwise. */
export function severityOf(entry: Pick<AuditEntry, 'outcome'>): number {
  return entry.outcome === 'deny' || entry.outcome === 'failure' ? 4 : 6;
}

/** RFC 5424 §6.3.3: `"`, `\` and `]` are escaped with a backslash inside PARAM-VALUE. */
export function escapeParamValue(value: string): string {
  // Line framing: a newline would split the record in a file or over plain TCP.
  return value
    .replace(/[\\"\]]/g, (c) => `\\${c}`)
    .replace(/[\r\n]/g, ' ')
    .replaceAll('\0', ' ');
}

/** HOSTNAME, APP-NAME, PROCID and MSGID are printable US-ASCII without spaces, bounded in length. */
function headerField(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '_').slice(0, max);
  return clean.length > 0 ? clean : NIL;
}

/** One entry as one line (no newline) of the chosen format. */
export function siemLine(format: SiemFormat, entry: AuditEntry, options: SiemOptions = {}): string {
  const severity = severityOf(entry);
  const pri = FACILITY_LOG_AUDIT * 8 + severity;
  const host = headerField(options.hostname ?? entry.device, 255);
  const app = headerField(options.appName ?? 'starring', 48);
  const msg = `${entry.actor} ${entry.action} ${entry.resource.type}:${entry.resource.id} ${entry.outcome}`;
  const fields = siemFields(entry);
  if (format === 'jsonl') {
    return JSON.stringify({
      pri,
      severity,
      facility: FACILITY_LOG_AUDIT,
      host,
      app,
      msgid: headerField(entry.action, 32),
      ...Object.fromEntries(fields),
      msg,
    });
  }
  const sd = `[audit@${options.enterpriseId ?? 32473} ${fields
    .map(([name, value]) => `${name}="${escapeParamValue(String(value))}"`)
    .join(' ')}]`;
  return `<${pri}>1 ${entry.ts} ${host} ${app} ${headerField(options.procId ?? NIL, 128)} ${headerField(entry.action, 32)} ${sd} ${msg.replace(/[\r\n]/g, ' ')}`;
}

/** Every entry as one line of the chosen format. */
export function exportSiem(
  format: SiemFormat,
  entries: Iterable<AuditEntry>,
  options: SiemOptions = {},
): string[] {
  const lines: string[] = [];
  for (const entry of entries) lines.push(siemLine(format, entry, options));
  return lines;
}
