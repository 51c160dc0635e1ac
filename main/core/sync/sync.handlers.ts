import { AuditedReply, type ChannelHandlers } from '../router/handlers';
import type { SyncService } from './sync.service';

/** The Organisation server panel's channels; enroll and unenroll are audited by the router. */
export function syncChannelHandlers(
  sync: SyncService,
): Pick<ChannelHandlers, 'sync.status' | 'sync.enroll' | 'sync.now' | 'sync.unenroll'> {
  return {
    'sync.status': () => sync.status(),
    'sync.enroll': async (request) => {
      const reply = await sync.enroll(request);
      // The code is a credential: it never enters the log; the server and tenant do.
      return new AuditedReply(reply, {
        server: reply.serverUrl ?? '',
        tenant: reply.tenant ?? '',
        device: reply.device ?? '',
      });
    },
    'sync.now': () => sync.syncNow(),
    'sync.unenroll': async () => new AuditedReply(await sync.unenroll(), {}),
  };
}
