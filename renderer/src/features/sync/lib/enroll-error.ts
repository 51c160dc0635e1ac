import type { AppErrorData } from '../../../../../common/errors';
import type { SyncKey } from '../i18n/t';

/** The sentence for a failed enrollment or sync: by the kind of failure the core named. */
export function failureMessage(error: Pick<AppErrorData, 'message' | 'details'>): {
  key: SyncKey;
  message: string;
} {
  const reason = error.details?.reason;
  const serverCode = error.details?.serverCode;
  const message = error.message;
  if (reason === 'refused' && typeof serverCode === 'string' && /CODE/.test(serverCode)) {
    return { key: 'errors.wrongCode', message };
  }
  switch (reason) {
    case 'refused':
      return { key: 'errors.refused', message };
    case 'unreachable':
      return { key: 'errors.unreachable', message };
    case 'wrong-ca':
      return { key: 'errors.wrongCa', message };
    case 'bad-reply':
      return { key: 'errors.badReply', message };
    case 'server-error':
      return { key: 'errors.serverError', message };
    default:
      return { key: 'errors.other', message };
  }
}
