/**
 * The one call other server modules make to raise a webhook event (the foundation calls it with
 * 'device.enrolled' after an enrollment). Never throws: a webhook problem must not fail the act.
 */
import type { WebhookDispatcher, WebhookEventType } from './webhook-dispatcher';

export async function emitWebhook(
  ctx: { webhooks: WebhookDispatcher },
  tenant: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
): Promise<void> {
  try {
    await ctx.webhooks.emit(tenant, type, data);
  } catch {
    // The act happened; the event is lost only when the database itself is down, and the
    // audit trail (alerts, entries, policy versions) still records it.
  }
}
