import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../common/errors';
import type { AuditLog } from '../audit/audit-log';
import { exportBundle } from '../audit/bundle-export';
import type { Clock } from '../clock';
import type { ChannelHandlers, StreamHandlers } from '../router/handlers';
import type { AuditSession } from './audit-session';

export interface AuditHandlerDeps {
  session: AuditSession;
  clock: Clock;
  /** Where bundles are written when no save dialog chose a path (the harness, tests). */
  exportsDir: string;
  /** The desktop shell asks the user where to save; null means they cancelled. */
  chooseBundlePath?: (suggestedName: string) => Promise<string | null>;
}

function openLog(session: AuditSession): AuditLog {
  const log = session.log();
  if (!log) throw new AppError('VAULT_LOCKED', 'The audit log opens with the vault. Unlock the vault first.');
  return log;
}

/** The Audit view's channels over the open, tamper-evident log. */
export function auditChannelHandlers(
  deps: AuditHandlerDeps,
): Pick<ChannelHandlers, 'audit.query' | 'audit.verifyChain'> {
  return {
    'audit.query': async (request) => {
      const page = await openLog(deps.session).query(request);
      return { entries: page.entries, next: page.next ?? null };
    },
    'audit.verifyChain': async () => {
      const report = await openLog(deps.session).verifyChain();
      const base = {
        count: report.count,
        head: report.head,
        anchor: report.anchor,
        checkpoints: report.checkpoints,
      };
      return report.ok || !report.failure
        ? { status: 'ok' as const, ...base }
        : { status: 'broken' as const, ...base, failure: report.failure };
    },
  };
}

export function auditStreamHandlers(deps: AuditHandlerDeps): Pick<StreamHandlers, 'audit.exportBundle'> {
  return {
    'audit.exportBundle': async (request, context, emit, signal) => {
      const log = openLog(deps.session);
      const name = `starring-audit-${deps.clock.now().toISOString().replace(/[:.]/g, '-')}.zip`;
      let out: string | null;
      if (deps.chooseBundlePath) {
        out = await deps.chooseBundlePath(name);
        if (out === null) throw new AppError('CANCELLED', 'The export was cancelled.');
      } else {
        await mkdir(deps.exportsDir, { recursive: true, mode: 0o700 });
        out = join(deps.exportsDir, name);
      }
      const result = await exportBundle(log, {
        out,
        filter: request,
        createdBy: context.actor,
        clock: deps.clock,
        onProgress: (done, total) => emit({ type: 'progress', done, total }),
        signal,
      });
      emit({
        type: 'done',
        path: result.path,
        bytes: result.bytes,
        sha256: result.sha256,
        entries: result.entries,
        disclosed: result.disclosed,
        redacted: result.redacted,
      });
    },
  };
}
