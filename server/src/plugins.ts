import type { ServerPlugin } from './context';
import { ingestionPlugin } from './plug/ingestion-plugin';

/**
 * Route modules beyond the foundation (audit ingestion, policy, webhooks, SIEM …): add yours here.
 * buildServer mounts them after health, enrollment and the foundation's admin routes.
 */
export const extensionPlugins: ServerPlugin[] = [ingestionPlugin];
