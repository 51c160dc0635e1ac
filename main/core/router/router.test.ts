import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../../common/contract';
import { AppError } from '../../../common/errors';
import type { AuditRecord, AuditSink } from './audit-sink';
import { createAllowListAuthorizer, type Authorizer } from './authorizer';
import type { CallContext } from './call-context';
import type { ChannelHandlers, StreamHandlers } from './handlers';
import { createRouter } from './router';

const context: CallContext = { transport: 'test', actor: 'alice', origin: 'window-1' };

function recordingSetup(overrides: Partial<ChannelHandlers> = {}, authorizer?: Authorizer) {
  const trace: string[] = [];
  const audited: AuditRecord[] = [];
  const audit: AuditSink = {
    store: 'memory',
    record(record) {
      trace.push(`audit:${record.action}:${record.outcome}`);
      audited.push(record);
    },
    recent: () => [],
  };
  const allowAll = createAllowListAuthorizer('test-list', [
    'app.info',
    'app.status',
    'settings.setLocale',
    'documents.list',
    'templates.list',
    'models.list',
    'audit.recent',
    'app.watchStatus',
    'diagnostics.selfTest',
  ]);
  const tracingAuthorizer: Authorizer = {
    name: 'tracing',
    async authorize(request) {
      trace.push(`authorize:${request.action}`);
      return (authorizer ?? allowAll).authorize(request);
    },
  };
  // Only the channels these tests call; the rest of the contract is irrelevant to the pipeline.
  const channels = {
    'app.info': () => {
      trace.push('handle:app.info');
      return {
        name: 'StarRing Workspace',
        version: '0.0.0',
        transport: 'test',
        platform: 'test',
        locale: 'en',
      };
    },
    'app.status': () => ({ network: 'no-server', sync: 'not-configured', vault: 'not-set-up' }),
    'settings.setLocale': ({ locale }) => {
      trace.push('handle:settings.setLocale');
      return { locale };
    },
    'documents.list': (request) => {
      trace.push(`handle:documents.list:${request.limit}`);
      return { items: [], total: 0 };
    },
    'templates.list': () => ({ items: [], problems: [] }),
    'models.list': () => ({ items: [] }),
    'audit.recent': () => ({ items: [], store: 'memory' }),
    ...overrides,
  } satisfies Partial<ChannelHandlers> as unknown as ChannelHandlers;
  const streams = {
    'app.watchStatus': async (_request, _context, emit, signal) => {
      emit({ network: 'no-server', sync: 'not-configured', vault: 'not-set-up' });
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      trace.push('stream:aborted');
    },
    'diagnostics.selfTest': async (_request, _context, emit) => {
      emit({ type: 'progress', done: 0, total: 1, check: 'x' });
      emit({ type: 'result', check: 'x', passed: true, detail: 'fine' });
    },
  } satisfies Partial<StreamHandlers> as unknown as StreamHandlers;
  const errors: unknown[] = [];
  const router = createRouter({
    channels,
    streams,
    authorizer: tracingAuthorizer,
    audit,
    logError: (_ref, error) => errors.push(error),
  });
  return { router, trace, audited, errors };
}

describe('router pipeline', () => {
  it('runs validate → authorize → audit → handle, in that order, for an audited channel', async () => {
    const { router, trace } = recordingSetup();
    const result = await router.invoke(context, 'settings.setLocale', { locale: 'zh-CN' });
    expect(result).toEqual({ ok: true, value: { locale: 'zh-CN' } });
    expect(trace).toEqual([
      'authorize:settings.setLocale',
      'audit:settings.setLocale:allow',
      'handle:settings.setLocale',
    ]);
  });

  it('fills defaults from the schema before the handler sees the request', async () => {
    const { router, trace } = recordingSetup();
    await router.invoke(context, 'documents.list', {});
    expect(trace).toContain('handle:documents.list:50');
  });

  it('does not audit a channel that is off the audit list when it is allowed', async () => {
    const { router, trace } = recordingSetup();
    await router.invoke(context, 'app.info', {});
    expect(trace).toEqual(['authorize:app.info', 'handle:app.info']);
  });

  it('rejects an invalid payload with an error naming the field, before authorize or handle', async () => {
    const { router, trace } = recordingSetup();
    const result = await router.invoke(context, 'documents.list', { limit: 10_000 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.error.field).toBe('limit');
    expect(result.error.message).toContain('documents.list');
    expect(result.error.message).toContain('limit');
    expect(trace).toEqual([]);
  });

  it('rejects a wrong type and names the nested field', async () => {
    const { router } = recordingSetup();
    const result = await router.invoke(context, 'settings.setLocale', { locale: 'klingon' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'locale' } });
  });

  it('rejects unknown keys, including a prototype-pollution attempt, naming the key', async () => {
    const { router } = recordingSetup();
    const hostile = JSON.parse('{"locale":"en","__proto__":{"admin":true}}') as unknown;
    const result = await router.invoke(context, 'settings.setLocale', hostile);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: '__proto__' } });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('rejects a non-object payload', async () => {
    const { router } = recordingSetup();
    for (const payload of [null, 42, 'x', [1, 2], undefined]) {
      const result = await router.invoke(context, 'app.info', payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });

  it('rejects an unknown channel, and a stream name used as a channel', async () => {
    const { router, trace } = recordingSetup();
    for (const name of ['vault.dumpKeys', 'constructor', '__proto__', 'app.watchStatus']) {
      const result = await router.invoke(context, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(trace).toEqual([]);
  });

  it('denies by default what the authorizer does not allow, audits the denial, and never handles it', async () => {
    const { router, trace, audited } = recordingSetup({}, createAllowListAuthorizer('tiny', ['app.info']));
    const result = await router.invoke(context, 'documents.list', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', details: { policyId: 'tiny' } },
    });
    if (!result.ok) expect(result.error.message).toContain('not on the tiny allow-list');
    expect(trace).toEqual(['authorize:documents.list', 'audit:documents.list:deny']);
    expect(audited[0]).toMatchObject({
      actor: 'alice',
      action: 'documents.list',
      outcome: 'deny',
      policyId: 'tiny',
    });
  });

  it('turns a throwing handler into a typed error, not a crash, without leaking its message', async () => {
    const { router, errors } = recordingSetup({
      'app.info': () => {
        throw new Error('SELECT secret FROM keys at /home/alice/vault');
      },
    });
    const result = await router.invoke(context, 'app.info', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).not.toContain('SELECT');
    expect(result.error.message).toMatch(/reference [0-9a-f]{8}/);
    expect(errors).toHaveLength(1);
  });

  it('passes an expected AppError through with its code', async () => {
    const { router } = recordingSetup({
      'documents.list': () => {
        throw new AppError('VAULT_LOCKED', 'The vault is locked. Unlock it to see your documents.');
      },
    });
    const result = await router.invoke(context, 'documents.list', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'VAULT_LOCKED', message: 'The vault is locked. Unlock it to see your documents.' },
    });
  });

  it('records a failure entry when an audited, allowed call fails in its handler', async () => {
    const { router, trace, audited } = recordingSetup({
      'settings.setLocale': () => {
        throw new AppError('DISK_FULL', 'The disk is full.');
      },
    });
    const result = await router.invoke(context, 'settings.setLocale', { locale: 'en' });
    expect(result).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    expect(trace).toEqual([
      'authorize:settings.setLocale',
      'audit:settings.setLocale:allow',
      'audit:settings.setLocale:failure',
    ]);
    expect(audited[1]).toMatchObject({ outcome: 'failure', details: { error: 'DISK_FULL' } });
  });

  it('refuses a reply that breaks the contract (a bug) instead of sending it', async () => {
    const { router } = recordingSetup({
      'app.status': () => ({ network: 'no-server', sync: 'idle', vault: 'unlocked', secret: 'key' }) as never,
    });
    const result = await router.invoke(context, 'app.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('router streams', () => {
  it('delivers events and the end of a stream', async () => {
    const { router } = recordingSetup();
    const messages: StreamMessage<unknown>[] = [];
    const done = new Promise<void>((resolve) => {
      void router.subscribe(context, 'diagnostics.selfTest', {}, (message) => {
        messages.push(message);
        if (message.type === 'end') resolve();
      });
    });
    await done;
    expect(messages.map((m) => m.type)).toEqual(['event', 'event', 'end']);
  });

  it('validates a stream request like a channel request', async () => {
    const { router } = recordingSetup();
    const result = await router.subscribe(context, 'diagnostics.selfTest', { delayMs: -1 }, () => undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'delayMs' } });
  });

  it('cancel aborts the producer; only the owning origin may cancel', async () => {
    const { router, trace } = recordingSetup();
    const result = await router.subscribe(context, 'app.watchStatus', {}, () => undefined);
    if (!result.ok) throw new Error('subscribe failed');
    await Promise.resolve();
    router.cancel({ ...context, origin: 'someone-else' }, result.value.id);
    expect(router.activeSubscriptions()).toBe(1);
    router.cancel(context, result.value.id);
    await new Promise((r) => setTimeout(r, 0));
    expect(trace).toContain('stream:aborted');
    expect(router.activeSubscriptions()).toBe(0);
  });

  it('closing an origin ends its subscriptions', async () => {
    const { router } = recordingSetup();
    await router.subscribe(context, 'app.watchStatus', {}, () => undefined);
    await router.subscribe({ ...context, origin: 'window-2' }, 'app.watchStatus', {}, () => undefined);
    router.closeOrigin('window-1');
    expect(router.activeSubscriptions()).toBe(1);
  });
});
