/**
 * The ServerPlugin for audit ingestion, policy publishing, webhooks and SIEM: app.ts mounts it
 * with the foundation's plugins (device routes behind mTLS, admin routes under /v1/admin).
 */
import type { ServerPlugin } from '../context';
import { registerAuditAdminRoutes } from '../audit/audit-admin-routes';
import { registerAuditDeviceRoutes } from '../audit/audit-device-routes';
import { registerPolicyAdminRoutes } from '../policy/policy-admin-routes';
import { registerPolicyDeviceRoutes } from '../policy/policy-device-routes';
import { registerWebhookRoutes } from '../webhooks/webhook-routes';
import { closeSyncServices, syncServices } from './context';
import { documentAdminRoutes, documentDeviceRoutes } from './ingestion-openapi';

export const ingestionPlugin: ServerPlugin = {
  name: 'audit-policy-webhooks',
  device(scope, ctx) {
    const services = syncServices(ctx);
    registerAuditDeviceRoutes(scope, ctx, services);
    registerPolicyDeviceRoutes(scope, ctx, services);
    documentDeviceRoutes(ctx.openapi);
  },
  admin(scope, ctx) {
    const services = syncServices(ctx);
    registerPolicyAdminRoutes(scope, ctx, services);
    registerAuditAdminRoutes(scope, ctx);
    registerWebhookRoutes(scope, ctx, services);
    documentAdminRoutes(ctx.openapi);
    // Webhook timers stop with the server, before the foundation closes the database.
    scope.addHook('onClose', () => closeSyncServices(ctx));
  },
};
