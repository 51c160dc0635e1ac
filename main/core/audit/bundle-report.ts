/**
 * The human side of an audit bundle: report.html (counts per action, user and day, a bar chart as
 * inline SVG, denials highlighted; no scripts, a CSP that forbids them) and report.csv (one row per
 * disclosed entry, for a spreadsheet). Only entries that matched the filter are counted or listed.
 */
import type { AuditEntry } from '../../../common/audit/entry.schema';
import type { BundleFilter } from '../../../common/audit/manifest.schema';

/** Distinct actors/actions/days kept before the rest is counted as "(other)". */
const MAX_KEYS = 5_000;
const MAX_DENIALS_LISTED = 500;

interface Count {
  total: number;
  denied: number;
}

/** Counts gathered while the entries stream into the bundle. */
export interface ReportStats {
  total: number;
  denied: number;
  byAction: Map<string, Count>;
  byActor: Map<string, Count>;
  byDay: Map<string, Count>;
  denials: Array<
    Pick<AuditEntry, 'seq' | 'ts' | 'actor' | 'action' | 'resource' | 'outcome'> & { reason: string }
  >;
}

/** Empty counters. */
export function createReportStats(): ReportStats {
  return { total: 0, denied: 0, byAction: new Map(), byActor: new Map(), byDay: new Map(), denials: [] };
}

/** Denials and failed acts are what a reviewer looks for first. */
export function isDenial(entry: Pick<AuditEntry, 'outcome'>): boolean {
  return entry.outcome === 'deny' || entry.outcome === 'failure';
}

function bump(map: Map<string, Count>, key: string, denied: boolean): void {
  let count = map.get(key);
  if (!count) {
    if (map.size >= MAX_KEYS) key = '(other)';
    count = map.get(key) ?? { total: 0, denied: 0 };
    map.set(key, count);
  }
  count.total += 1;
  if (denied) count.denied += 1;
}

/** Counts one disclosed entry. */
export function addToReport(stats: ReportStats, entry: AuditEntry): void {
  const denied = isDenial(entry);
  stats.total += 1;
  if (denied) stats.denied += 1;
  bump(stats.byAction, entry.action, denied);
  bump(stats.byActor, entry.actor, denied);
  bump(stats.byDay, entry.ts.slice(0, 10), denied);
  if (denied && stats.denials.length < MAX_DENIALS_LISTED) {
    const reason = typeof entry.details.reason === 'string' ? entry.details.reason : '';
    stats.denials.push({
      seq: entry.seq,
      ts: entry.ts,
      actor: entry.actor,
      action: entry.action,
      resource: entry.resource,
      outcome: entry.outcome,
      reason,
    });
  }
}

/** First line of report.csv (CRLF line ends, as RFC 4180 has them). */
export const CSV_HEADER =
  'seq,ts,device,actor,action,resource_type,resource_id,outcome,policy_version,reason\r\n';

/** RFC 4180 quoting, and a leading apostrophe on cells a spreadsheet would run as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One report.csv row for a disclosed entry. */
export function csvRow(entry: AuditEntry): string {
  const reason = typeof entry.details.reason === 'string' ? entry.details.reason : '';
  return `${[
    entry.seq,
    entry.ts,
    entry.device,
    entry.actor,
    entry.action,
    entry.resource.type,
    entry.resource.id,
    entry.outcome,
    entry.policyVersion,
    reason,
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Bars per day (per month past 120 days), denied part in red. */
function chartSvg(byDay: Map<string, Count>): string {
  let buckets = [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  if (buckets.length > 120) {
    const months = new Map<string, Count>();
    for (const [day, count] of buckets) {
      const month = months.get(day.slice(0, 7)) ?? { total: 0, denied: 0 };
      month.total += count.total;
      month.denied += count.denied;
      months.set(day.slice(0, 7), month);
    }
    buckets = [...months.entries()];
  }
  if (buckets.length === 0) return '<p>No entries matched.</p>';
  const width = 720;
  const height = 200;
  const bar = Math.max(2, Math.floor((width - 40) / buckets.length) - 2);
  const max = Math.max(...buckets.map(([, count]) => count.total));
  const parts = buckets.map(([label, count], i) => {
    const x = 30 + i * (bar + 2);
    const h = Math.round((count.total / max) * (height - 40));
    const d = Math.round((count.denied / max) * (height - 40));
    const base = height - 20;
    return (
      `<g><title>${esc(label)}: ${count.total} entries, ${count.denied} denied</title>` +
      `<rect x="${x}" y="${base - h}" width="${bar}" height="${h - d}" fill="#4a78b5"/>` +
      `<rect x="${x}" y="${base - d}" width="${bar}" height="${d}" fill="#c0392b"/></g>`
    );
  });
  const first = buckets[0]?.[0] ?? '';
  const last = buckets.at(-1)?.[0] ?? '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="Entries per period">` +
    `<text x="30" y="14" font-size="12">max ${max} per bar</text>${parts.join('')}` +
    `<text x="30" y="${height - 4}" font-size="11">${esc(first)}</text>` +
    `<text x="${width - 10}" y="${height - 4}" font-size="11" text-anchor="end">${esc(last)}</text></svg>`
  );
}

function table(title: string, map: Map<string, Count>, limit = 200, chronological = false): string {
  const rows = [...map.entries()]
    .sort(chronological ? (a, b) => (a[0] < b[0] ? -1 : 1) : (a, b) => b[1].total - a[1].total)
    .slice(0, limit)
    .map(
      ([key, count]) =>
        `<tr${count.denied > 0 ? ' class="denied"' : ''}><td>${esc(key)}</td><td>${count.total}</td><td>${count.denied}</td></tr>`,
    );
  return `<h2>${esc(title)}</h2><table><tr><th>${esc(title.split(' ').at(-1) ?? '')}</th><th>entries</th><th>denied / failed</th></tr>${rows.join('')}</table>`;
}

/** What report.html says about the bundle itself. */
export interface ReportMeta {
  createdAt: string;
  createdBy: string;
  filter: BundleFilter;
  device: string;
  firstSeq: number;
  lastSeq: number;
  redacted: number;
}

/** report.html: static HTML, inline CSS and SVG, a CSP that allows no script. */
export function renderReportHtml(stats: ReportStats, meta: ReportMeta): string {
  const filter =
    [
      meta.filter.from ? `from ${meta.filter.from}` : '',
      meta.filter.to ? `to ${meta.filter.to}` : '',
      meta.filter.actors?.length ? `actors ${meta.filter.actors.join(', ')}` : '',
      meta.filter.actions?.length ? `actions ${meta.filter.actions.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ') || 'none (every entry)';
  const denials = stats.denials.map(
    (d) =>
      `<tr class="denied"><td>${d.seq}</td><td>${esc(d.ts)}</td><td>${esc(d.actor)}</td><td>${esc(d.action)}</td>` +
      `<td>${esc(`${d.resource.type}:${d.resource.id}`)}</td><td>${esc(d.outcome)}</td><td>${esc(d.reason)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>StarRing audit report</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}tr.denied td{background:#fbe3e1;color:#8b1a10}
.summary b{font-size:1.2em}.deny{color:#c0392b}</style></head><body>
<h1>StarRing Workspace — audit report</h1>
<p>Created ${esc(meta.createdAt)} by ${esc(meta.createdBy)}. Device ${esc(meta.device)}, entries ${meta.firstSeq}–${meta.lastSeq}.
Filter: ${esc(filter)}. This report summarizes the bundle; the signed entries.jsonl is the record (see VERIFY.md).</p>
<p class="summary"><b>${stats.total}</b> matching entries, <b class="deny">${stats.denied}</b> denied or failed, ${meta.redacted} not matching (redacted).</p>
<h2>Entries per ${stats.byDay.size > 120 ? 'month' : 'day'} (red: denied or failed)</h2>
${chartSvg(stats.byDay)}
${table('Entries per action', stats.byAction)}
${table('Entries per user', stats.byActor)}
${table('Entries per day', stats.byDay, 400, true)}
<h2>Denials and failures${stats.denials.length < stats.denied ? ` (first ${stats.denials.length})` : ''}</h2>
<table><tr><th>seq</th><th>time</th><th>user</th><th>action</th><th>resource</th><th>outcome</th><th>reason</th></tr>${denials.join('')}</table>
</body></html>
`;
}
