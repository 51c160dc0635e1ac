/** OpenAPI entries for the ingestion plugin's routes (served at /openapi.json with the rest). */
import {
  AuditBatchReply,
  AuditBatchRequest,
  AuditHeadReply,
  PolicyReply,
  SERVER_ROUTES,
} from '../../../common/sync/server-api';
import type { OpenApiRegistry, RouteDoc } from '../http/openapi';

const device: RouteDoc[] = [
  {
    method: 'get',
    path: SERVER_ROUTES.auditHead,
    summary: "Where the server's copy of this device's audit chain ends",
    auth: 'device-mtls',
    reply: AuditHeadReply,
  },
  {
    method: 'post',
    path: SERVER_ROUTES.auditBatches,
    summary: 'Send audit entries (idempotent); 409 AUDIT_GAP, 422 other refusals',
    auth: 'device-mtls',
    body: AuditBatchRequest,
    reply: AuditBatchReply,
  },
  {
    method: 'get',
    path: SERVER_ROUTES.policy,
    summary: 'The signed policy bundle; ETag, 304 on If-None-Match, 204 when none',
    auth: 'device-mtls',
    reply: PolicyReply,
  },
  {
    method: 'get',
    path: SERVER_ROUTES.policyEvents,
    summary: 'Server-Sent Events: `event: policy` with {"version":N} on publish',
    auth: 'device-mtls',
  },
];

const admin: Array<Omit<RouteDoc, 'auth'>> = [
  {
    method: 'post',
    path: '/tenants/:tenant/policy',
    summary:
      'Publish an unsigned policy bundle: versioned, signed with the tenant policy key, devices notified',
    status: 201,
  },
  { method: 'get', path: '/tenants/:tenant/policy', summary: 'Published policy versions' },
  {
    method: 'get',
    path: '/tenants/:tenant/audit/entries',
    summary: 'Query audit entries across devices (from, to, actor, action, device, outcome, limit, cursor)',
  },
  {
    method: 'get',
    path: '/tenants/:tenant/audit/alerts',
    summary: 'Refused batches: gaps and broken chains, with the reason',
  },
  {
    method: 'post',
    path: '/tenants/:tenant/audit/export',
    summary: 'Server-side audit bundle (.zip, desktop format, several devices, receipts)',
  },
  {
    method: 'get',
    path: '/tenants/:tenant/audit/siem',
    summary: 'SIEM export: JSON lines or RFC 5424 syslog lines, streamed',
  },
  {
    method: 'post',
    path: '/tenants/:tenant/siem/forward',
    summary: 'Forward matching entries to a syslog receiver over TCP or TLS',
  },
  {
    method: 'post',
    path: '/tenants/:tenant/webhooks',
    summary: 'Subscribe a URL to events (secret shown once)',
    status: 201,
  },
  { method: 'get', path: '/tenants/:tenant/webhooks', summary: 'Webhook subscriptions' },
  { method: 'delete', path: '/tenants/:tenant/webhooks/:id', summary: 'Delete a subscription', status: 204 },
  {
    method: 'get',
    path: '/tenants/:tenant/webhooks/deliveries',
    summary: 'Recent deliveries (status filter)',
  },
  { method: 'get', path: '/tenants/:tenant/webhooks/dead-letters', summary: 'Dead-lettered deliveries' },
  {
    method: 'post',
    path: '/tenants/:tenant/webhooks/deliveries/:id/retry',
    summary: 'Retry a dead-lettered delivery',
    status: 202,
  },
];

export function documentDeviceRoutes(openapi: OpenApiRegistry): void {
  for (const doc of device) openapi.add(doc);
}

export function documentAdminRoutes(openapi: OpenApiRegistry): void {
  for (const doc of admin) openapi.add({ ...doc, path: `/v1/admin${doc.path}`, auth: 'admin' });
}
