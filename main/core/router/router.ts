import { randomUUID } from 'node:crypto';
import {
  contract,
  isChannelName,
  isStreamName,
  type ContractKey,
  type StreamMessage,
} from '../../../common/contract';
import { AppError, fail, isErrorCode, ok, type AppErrorData, type Result } from '../../../common/errors';
import type { AuditSink } from './audit-sink';
import type { Authorizer } from './authorizer';
import type { CallContext } from './call-context';
import { AuditedReply, type AuditDetails, type ChannelHandlers, type StreamHandlers } from './handlers';
import { parseOrThrow } from './validation';

export interface RouterDeps {
  channels: ChannelHandlers;
  streams: StreamHandlers;
  authorizer: Authorizer;
  audit: AuditSink;
  /** Where unexpected failures are reported with their stack; the caller only gets a reference. */
  logError?: (ref: string, error: unknown) => void;
}

/**
 * The one gate every call goes through: validate → authorize → audit → handle, then the reply is
 * validated before it leaves. Services never check permissions or write audit entries themselves.
 */
export interface Router {
  invoke(context: CallContext, channel: string, request: unknown): Promise<Result<unknown>>;
  subscribe(
    context: CallContext,
    stream: string,
    request: unknown,
    send: (message: StreamMessage<unknown>) => void,
  ): Promise<Result<{ id: string }>>;
  /** Cancels one subscription; only its own origin may cancel it. */
  cancel(context: CallContext, id: string): void;
  /** Ends every subscription of a window or socket that went away. */
  closeOrigin(origin: string): void;
  /** Ends every subscription (shutdown). */
  closeAll(): void;
  activeSubscriptions(): number;
}

interface Subscription {
  origin: string;
  controller: AbortController;
}

export function createRouter(deps: RouterDeps): Router {
  const subscriptions = new Map<string, Subscription>();
  const logError = deps.logError ?? ((ref, error) => console.error(`[router] ${ref}`, error));

  function toErrorData(error: unknown): AppErrorData {
    if (error instanceof AppError) return error.toData();
    if (error instanceof Error && 'code' in error && isErrorCode(error.code)) {
      return { code: error.code, message: error.message };
    }
    const ref = randomUUID().slice(0, 8);
    logError(ref, error);
    return { code: 'INTERNAL', message: `Something went wrong inside the app (reference ${ref}).` };
  }

  /** The stages shared by channels and streams, up to (not including) the handler. */
  async function admit(context: CallContext, name: ContractKey, request: unknown): Promise<unknown> {
    const spec = contract[name];
    const parsed = parseOrThrow(spec.request, request, `request for "${name}"`);
    const decision = await deps.authorizer.authorize({ action: name, request: parsed, context });
    if (spec.audited || decision.decision === 'deny') {
      await deps.audit.record({
        actor: context.actor,
        action: name,
        outcome: decision.decision,
        reason: decision.reason,
        policyId: decision.policyId,
      });
    }
    if (decision.decision === 'deny') {
      throw new AppError('POLICY_DENIED', decision.reason, { details: { policyId: decision.policyId } });
    }
    return parsed;
  }

  async function recordSuccess(context: CallContext, action: string, details: AuditDetails): Promise<void> {
    await deps.audit.record({
      actor: context.actor,
      action,
      outcome: 'success',
      reason: 'completed',
      policyId: deps.authorizer.name,
      details,
    });
  }

  async function recordFailure(context: CallContext, action: string, error: AppErrorData): Promise<void> {
    try {
      await deps.audit.record({
        actor: context.actor,
        action,
        outcome: 'failure',
        reason: error.message,
        policyId: deps.authorizer.name,
        details: { error: error.code },
      });
    } catch (auditError) {
      logError('audit-failure-record', auditError);
    }
  }

  return {
    async invoke(context, channel, request) {
      let admitted = false;
      try {
        if (!isChannelName(channel)) {
          throw new AppError('UNKNOWN_CHANNEL', `Unknown channel "${String(channel).slice(0, 128)}".`);
        }
        const parsed = await admit(context, channel, request);
        admitted = true;
        const handler = deps.channels[channel] as (req: unknown, ctx: CallContext) => unknown;
        let reply = await handler(parsed, context);
        if (reply instanceof AuditedReply) {
          await recordSuccess(context, channel, reply.details);
          reply = reply.reply;
        }
        const checked = contract[channel].reply.safeParse(reply);
        if (!checked.success) {
          throw new Error(`Reply of "${channel}" broke the contract: ${checked.error.message}`);
        }
        return ok(checked.data);
      } catch (error) {
        const data = toErrorData(error);
        // An allowed act that failed (a wrong passphrase, a refused export) is part of the record too.
        if (admitted && contract[channel as ContractKey].audited) {
          await recordFailure(context, channel, data);
        }
        return fail(data);
      }
    },

    async subscribe(context, stream, request, send) {
      let parsed: unknown;
      try {
        if (!isStreamName(stream)) {
          throw new AppError('UNKNOWN_CHANNEL', `Unknown stream "${String(stream).slice(0, 128)}".`);
        }
        parsed = await admit(context, stream, request);
      } catch (error) {
        return fail(toErrorData(error));
      }
      const name = stream as keyof StreamHandlers;
      const id = randomUUID();
      const controller = new AbortController();
      subscriptions.set(id, { origin: context.origin, controller });
      const eventSchema = contract[name].event;
      const emit = (event: unknown): void => {
        if (controller.signal.aborted) return;
        const checked = eventSchema.safeParse(event);
        if (!checked.success) {
          controller.abort(new Error(`Event of "${name}" broke the contract: ${checked.error.message}`));
          return;
        }
        send({ type: 'event', event: checked.data });
      };
      const handler = deps.streams[name] as (
        req: unknown,
        ctx: CallContext,
        emit: (event: unknown) => void,
        signal: AbortSignal,
      ) => Promise<void | { audit?: AuditDetails }>;
      const audited = contract[name].audited;
      // Started after the id is returned, so the caller can cancel before the first event.
      queueMicrotask(() => {
        handler(parsed, context, emit, controller.signal)
          .then(async (outcome) => {
            if (audited && outcome?.audit) {
              await recordSuccess(context, name, outcome.audit).catch((error: unknown) =>
                logError('audit', error),
              );
            }
            if (controller.signal.aborted && controller.signal.reason instanceof Error) {
              send({ type: 'error', error: toErrorData(controller.signal.reason) });
            } else if (!controller.signal.aborted) {
              send({ type: 'end' });
            }
          })
          .catch(async (error: unknown) => {
            if (!controller.signal.aborted || controller.signal.reason instanceof Error) {
              const data = toErrorData(controller.signal.reason ?? error);
              if (audited) await recordFailure(context, name, data);
              send({ type: 'error', error: data });
            }
          })
          .finally(() => subscriptions.delete(id));
      });
      return ok({ id });
    },

    cancel(context, id) {
      const sub = subscriptions.get(id);
      if (!sub || sub.origin !== context.origin) return;
      subscriptions.delete(id);
      sub.controller.abort('cancelled');
    },

    closeOrigin(origin) {
      for (const [id, sub] of subscriptions) {
        if (sub.origin === origin) {
          subscriptions.delete(id);
          sub.controller.abort('origin closed');
        }
      }
    },

    closeAll() {
      for (const [id, sub] of subscriptions) {
        subscriptions.delete(id);
        sub.controller.abort('shutting down');
      }
    },

    activeSubscriptions: () => subscriptions.size,
  };
}
