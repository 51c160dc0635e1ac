/**
 * Admin audit routes: query across devices, alerts, the server-side bundle, the SIEM JSON-lines
 * stream and a one-shot forward to a syslog receiver.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DeviceId } from '../../../common/audit/entry.schema';
import { BundleFilter } from '../../../common/audit/manifest.schema';
import { siemLine } from '../../../main/core/audit/siem-export';
import type { ServerContext } from '../context';
import { HttpError, parseWith } from '../http/errors';
import { adminTenantOf } from '../plug/context';
import { openSyslog } from '../siem/syslog-forwarder';
import { AuditQueryParams, queryAudit, scanAudit } from './audit-query';
import { exportServerBundle } from './server-bundle';

const TenantParams = z.strictObject({ tenant: z.string().min(1).max(63) });
const ExportBody = z.strictObject({
  filter: BundleFilter.default({}),
  devices: z.array(DeviceId).max(10_000).optional(),
});
const SiemParams = AuditQueryParams.omit({ limit: true, cursor: true }).extend({
  format: z.enum(['jsonl', 'syslog']).default('jsonl'),
});
const ForwardBody = z.strictObject({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  tls: z
    .strictObject({ caPem: z.string().max(65_536).optional(), servername: z.string().max(253).optional() })
    .optional(),
  query: AuditQueryParams.omit({ limit: true, cursor: true }).default({}),
});

export function registerAuditAdminRoutes(scope: FastifyInstance, ctx: ServerContext): void {
  const tenantOf = (request: Parameters<typeof adminTenantOf>[0]) =>
    adminTenantOf(request, parseWith(TenantParams, request.params, 'params').tenant);

  scope.get('/tenants/:tenant/audit/entries', async (request) => {
    const { tenant } = tenantOf(request);
    const params = parseWith(AuditQueryParams, request.query, 'query');
    return ctx.db.withTenant(tenant, (q) => queryAudit(q, tenant, params));
  });

  scope.get('/tenants/:tenant/audit/alerts', async (request) => {
    const { tenant } = tenantOf(request);
    const { rows } = await ctx.db.withTenant(tenant, (q) =>
      q.query<{
        id: string | number;
        device_id: string;
        kind: string;
        code: string;
        seq: string | null;
        expected_seq: string | null;
        reason: string;
        created_at: Date | string;
      }>(
        'select id, device_id, kind, code, seq, expected_seq, reason, created_at from audit_alerts where tenant_id = $1 order by id desc limit 500',
        [tenant],
      ),
    );
    return {
      alerts: rows.map((r) => ({
        id: Number(r.id),
        device: r.device_id,
        kind: r.kind,
        code: r.code,
        seq: r.seq === null ? null : Number(r.seq),
        expectedSeq: r.expected_seq === null ? null : Number(r.expected_seq),
        reason: r.reason,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  });

  scope.post('/tenants/:tenant/audit/export', async (request, reply) => {
    const { tenant, actor } = tenantOf(request);
    const body = parseWith(ExportBody, request.body ?? {});
    const keys = await ctx.tenantKeys.load(tenant);
    if (!keys) throw new HttpError(404, 'NOT_FOUND', `tenant ${tenant} does not exist`);
    const dir = await mkdtemp(join(tmpdir(), 'starring-export-'));
    const out = join(dir, `audit-${tenant}-${randomBytes(4).toString('hex')}.zip`);
    try {
      const result = await exportServerBundle(ctx.db, {
        tenant,
        out,
        filter: body.filter,
        ...(body.devices ? { devices: body.devices } : {}),
        createdBy: actor,
        now: ctx.now(),
        receiptKey: keys.receiptPrivateKey,
      });
      const stream = createReadStream(out);
      stream.on('close', () => void rm(dir, { recursive: true, force: true }));
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="audit-${tenant}.zip"`)
        .header('x-bundle-sha256', result.sha256)
        .send(stream);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  });

  scope.get('/tenants/:tenant/audit/siem', async (request, reply) => {
    const { tenant } = tenantOf(request);
    const { format, ...filter } = parseWith(SiemParams, request.query, 'query');
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': format === 'jsonl' ? 'application/x-ndjson' : 'text/plain; charset=utf-8',
    });
    try {
      for await (const page of scanAudit((fn) => ctx.db.withTenant(tenant, fn), tenant, filter)) {
        if (raw.destroyed) return;
        const ok = raw.write(page.map((entry) => `${siemLine(format, entry)}\n`).join(''));
        // Back-pressure: a slow SIEM reader must not make us buffer the whole log.
        if (!ok)
          await new Promise((resolve) => {
            raw.once('drain', resolve);
            raw.once('close', resolve);
          });
      }
      raw.end();
    } catch (error) {
      request.log.error({ err: error }, 'SIEM stream failed');
      raw.destroy(error as Error);
    }
  });

  scope.post('/tenants/:tenant/siem/forward', async (request) => {
    const { tenant } = tenantOf(request);
    const body = parseWith(ForwardBody, request.body);
    const conn = await openSyslog({
      host: body.host,
      port: body.port,
      ...(body.tls ? { tls: body.tls } : {}),
    }).catch((error: Error) => {
      throw new HttpError(
        502,
        'SIEM_UNREACHABLE',
        `cannot reach ${body.host}:${body.port}: ${error.message}`,
      );
    });
    let sent = 0;
    try {
      for await (const page of scanAudit((fn) => ctx.db.withTenant(tenant, fn), tenant, body.query))
        sent += await conn.send(page);
    } finally {
      await conn.close();
    }
    return { sent };
  });
}
