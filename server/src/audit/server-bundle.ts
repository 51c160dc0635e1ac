/**
 * The server-side audit bundle: the desktop's format (§3, main/core/audit/bundle-export.ts) over
 * several devices, with the server's receipts, signed by the tenant's receipt key. The verifier
 * wants `manifest.signer` to be a listed device whose key hashes to its id, so the server lists its
 * receipt key as one more "device" (id = deviceIdFromPublicKey of that key, no anchor, no entries):
 * no format change, and `starring audit verify` accepts it as is.
 */
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Checkpoint, Receipt } from '../../../common/audit/checkpoint.schema';
import { ZERO_HASH, type AuditEntry } from '../../../common/audit/entry.schema';
import { jcs, redactedLine } from '../../../common/audit/jcs';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  deviceKeyPath,
  type BundleAnchor,
  type BundleFile,
  type BundleFilter,
  type BundleManifest,
} from '../../../common/audit/manifest.schema';
import { checkpointDigest } from '../../../main/core/audit/audit-hash';
import { entryMatcher } from '../../../main/core/audit/audit-query';
import { verifyReceipt } from '../../../main/core/audit/audit-signature';
import {
  addToReport,
  createReportStats,
  CSV_HEADER,
  csvRow,
  renderReportHtml,
} from '../../../main/core/audit/bundle-report';
import { deviceIdFromPublicKey } from '../../../main/core/audit/device-identity';
import { verifyMarkdown } from '../../../main/core/audit/verify-doc';
import { createZipWriter } from '../../../main/core/audit/zip-writer';
import type { Database, Queryable } from '../db/database';

export interface ServerBundleOptions {
  tenant: string;
  out: string;
  filter: BundleFilter;
  /** Only these devices; all devices with accepted entries when absent. */
  devices?: readonly string[];
  createdBy: string;
  now: Date;
  receiptKey: KeyObject;
}

export interface ServerBundleResult {
  path: string;
  bytes: number;
  sha256: string;
  manifest: BundleManifest;
  entries: number;
}

const PAGE = 5_000;

interface DeviceRange {
  device: string;
  publicKeyPem: string;
  anchor: BundleAnchor;
  end: number;
  checkpoints: Checkpoint[];
  receipts: Receipt[];
}

/** The entries of one device from..to in seq order, a page at a time. */
async function* readEntries(
  db: Database,
  tenant: string,
  device: string,
  from: number,
  to: number,
): AsyncGenerator<AuditEntry[]> {
  for (let next = from; next <= to; next += PAGE) {
    const { rows } = await db.withTenant(tenant, (q) =>
      q.query<{ line: string }>(
        'select line from audit_entries where tenant_id = $1 and device_id = $2 and seq between $3 and $4 order by seq',
        [tenant, device, next, Math.min(to, next + PAGE - 1)],
      ),
    );
    yield rows.map((row) => JSON.parse(row.line) as AuditEntry);
  }
}

/** A chain-consistent run of checkpoints ending exactly at `end` (walked back by prevCheckpoint). */
function checkpointChain(
  stored: readonly Checkpoint[],
  anchorSeq: number,
  end: number,
): Checkpoint[] | undefined {
  const last = stored.find((c) => c.seq === end);
  if (!last) return undefined;
  const byDigest = new Map(stored.map((c) => [checkpointDigest(c), c]));
  const chain = [last];
  for (let cur = last; ;) {
    const prev = byDigest.get(cur.prevCheckpoint);
    if (!prev || prev.seq < anchorSeq || prev.seq > cur.seq || chain.includes(prev)) break;
    chain.unshift(prev);
    cur = prev;
  }
  return chain;
}

/** Works out, per device, which seq range the bundle holds and what vouches for it. */
async function planDevice(
  q: Queryable,
  tenant: string,
  device: string,
  filter: BundleFilter,
  serverPem: string,
): Promise<DeviceRange | undefined> {
  const head = await q.query<{ seq: string | number }>(
    'select seq from audit_heads where tenant_id = $1 and device_id = $2',
    [tenant, device],
  );
  const headSeq = Number(head.rows[0]?.seq ?? 0);
  const key = await q.query<{ audit_public_key_pem: string }>(
    'select audit_public_key_pem from devices where tenant_id = $1 and id = $2',
    [tenant, device],
  );
  const publicKeyPem = key.rows[0]?.audit_public_key_pem;
  if (headSeq === 0 || !publicKeyPem) return undefined;
  const cps = await q.query<{ checkpoint: Checkpoint | string }>(
    'select checkpoint from audit_checkpoints where tenant_id = $1 and device_id = $2 order by seq, received_at',
    [tenant, device],
  );
  const checkpoints = cps.rows.map((r) =>
    typeof r.checkpoint === 'string' ? (JSON.parse(r.checkpoint) as Checkpoint) : r.checkpoint,
  );
  let start = 1;
  let end = headSeq;
  const filtered = Boolean(filter.from || filter.to || filter.actors?.length || filter.actions?.length);
  if (filtered) {
    const conds = ['tenant_id = $1', 'device_id = $2'];
    const params: unknown[] = [tenant, device];
    if (filter.from) conds.push(`ts >= $${params.push(filter.from)}`);
    if (filter.to) conds.push(`ts < $${params.push(filter.to)}`);
    if (filter.actors?.length) conds.push(`actor = any($${params.push(filter.actors)})`);
    if (filter.actions?.length) conds.push(`action = any($${params.push(filter.actions)})`);
    const range = await q.query<{ first: string | number | null; last: string | number | null }>(
      `select min(seq) as first, max(seq) as last from audit_entries where ${conds.join(' and ')}`,
      params,
    );
    const first = range.rows[0]?.first;
    const lastMatch = range.rows[0]?.last;
    if (first === null || first === undefined || lastMatch === null || lastMatch === undefined)
      return undefined;
    start = Number(first);
    // Every accepted batch ends on a checkpoint, so one at or after the last match exists.
    end = Math.min(
      ...checkpoints.map((c) => c.seq).filter((seq) => seq >= Number(lastMatch) && seq <= headSeq),
    );
  }
  const anchorRow =
    start > 1
      ? await q.query<{ hash: string }>(
          'select hash from audit_entries where tenant_id = $1 and device_id = $2 and seq = $3',
          [tenant, device, start - 1],
        )
      : undefined;
  const anchor: BundleAnchor = { device, seq: start - 1, hash: anchorRow?.rows[0]?.hash ?? ZERO_HASH };
  const chain = checkpointChain(checkpoints, anchor.seq, end);
  if (!chain) throw new Error(`device ${device}: no stored checkpoint covers seq ${end}`);
  const rec = await q.query<{ receipt: Receipt | string }>(
    'select receipt from audit_receipts where tenant_id = $1 and device_id = $2 and to_seq >= $3 and to_seq <= $4 order by to_seq, from_seq',
    [tenant, device, anchor.seq, end],
  );
  const receipts = rec.rows
    .map((r) => (typeof r.receipt === 'string' ? (JSON.parse(r.receipt) as Receipt) : r.receipt))
    .filter((r) => r.to > anchor.seq || r.head === anchor.hash)
    .filter((r) => verifyReceipt(r, serverPem));
  return { device, publicKeyPem, anchor, end, checkpoints: chain, receipts };
}

/** Writes the bundle to `options.out` (temp file + rename inside the zip writer). */
export async function exportServerBundle(
  db: Database,
  options: ServerBundleOptions,
): Promise<ServerBundleResult> {
  const { tenant, filter } = options;
  const serverPem = createPublicKey(options.receiptKey).export({ type: 'spki', format: 'pem' }).toString();
  const serverId = deviceIdFromPublicKey(serverPem);
  const devices =
    options.devices ??
    (
      await db.withTenant(tenant, (q) =>
        q.query<{ device_id: string }>(
          'select device_id from audit_heads where tenant_id = $1 and seq > 0 order by device_id',
          [tenant],
        ),
      )
    ).rows.map((r) => r.device_id);
  const plans: DeviceRange[] = [];
  for (const device of [...new Set(devices)].sort()) {
    const plan = await db.withTenant(tenant, (q) => planDevice(q, tenant, device, filter, serverPem));
    if (plan) plans.push(plan);
  }

  const matches = entryMatcher(filter);
  const filtered = Boolean(filter.from || filter.to || filter.actors?.length || filter.actions?.length);
  const createdAt = options.now.toISOString();
  const zip = await createZipWriter(options.out, options.now);
  try {
    const files: BundleFile[] = [];
    const stats = createReportStats();
    let lines = 0;
    let csv = CSV_HEADER;
    const entries = zip.member(BUNDLE_FILES.entries);
    for (const plan of plans) {
      for await (const page of readEntries(db, tenant, plan.device, plan.anchor.seq + 1, plan.end)) {
        let text = '';
        for (const entry of page) {
          if (!filtered || matches(entry)) {
            text += `${jcs(entry)}\n`;
            addToReport(stats, entry);
            csv += csvRow(entry);
          } else {
            text += `${redactedLine(entry)}\n`;
          }
          lines += 1;
        }
        entries.write(text);
        await entries.flush();
      }
    }
    files.push(await entries.end());
    files.push(
      await zip.add(
        BUNDLE_FILES.checkpoints,
        plans.flatMap((p) => p.checkpoints.map((c) => `${jcs(c)}\n`)).join(''),
      ),
    );
    const receipts = plans.flatMap((p) => p.receipts);
    files.push(await zip.add(BUNDLE_FILES.receipts, receipts.map((r) => `${jcs(r)}\n`).join('')));
    for (const plan of plans) files.push(await zip.add(deviceKeyPath(plan.device), plan.publicKeyPem));
    files.push(await zip.add(deviceKeyPath(serverId), serverPem));
    if (receipts.length > 0) files.push(await zip.add(BUNDLE_FILES.serverKey, serverPem));
    files.push(await zip.add(BUNDLE_FILES.reportCsv, csv));
    files.push(
      await zip.add(
        BUNDLE_FILES.reportHtml,
        renderReportHtml(stats, {
          createdAt,
          createdBy: options.createdBy,
          filter,
          device: `${plans.length} device(s) of tenant ${tenant}`,
          firstSeq: plans.length > 0 ? Math.min(...plans.map((p) => p.anchor.seq + 1)) : 0,
          lastSeq: plans.length > 0 ? Math.max(...plans.map((p) => p.end)) : 0,
          redacted: lines - stats.total,
        }),
      ),
    );
    files.push(await zip.add(BUNDLE_FILES.verify, verifyMarkdown(serverId)));
    const manifest: BundleManifest = {
      v: 1,
      format: BUNDLE_FORMAT,
      createdAt,
      createdBy: options.createdBy,
      filter,
      signer: serverId,
      anchors: plans.map((p) => p.anchor),
      files,
      devices: [
        ...plans.map((p) => ({ id: p.device, publicKeyPem: p.publicKeyPem })),
        { id: serverId, publicKeyPem: serverPem },
      ],
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    await zip.add(BUNDLE_FILES.manifest, manifestBytes);
    await zip.add(BUNDLE_FILES.signature, sign(null, manifestBytes, options.receiptKey));
    const archive = await zip.finish();
    return { path: options.out, bytes: archive.bytes, sha256: archive.sha256, manifest, entries: lines };
  } catch (error) {
    await zip.abort();
    throw error;
  }
}
