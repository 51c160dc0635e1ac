import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import type { AppStatus, Transport } from '../../common/contract';
import { createAppStatusService, type AppStatusService } from './app/app-status.service';
import { FOUNDATION_ALLOW_LIST, foundationAllowedChannels } from './app/foundation-allow-list';
import { openPreferencesStore } from './app/preferences.store';
import { runSelfTest } from './app/self-test.service';
import { systemClock, type Clock } from './clock';
import { createMemoryAuditSink, type AuditSink } from './router/audit-sink';
import { createAllowListAuthorizer, type Authorizer } from './router/authorizer';
import type { ChannelHandlers, StreamHandlers } from './router/handlers';
import { createRouter, type Router } from './router/router';

export interface CoreOptions {
  /** The user-data folder (Electron's userData, or --vault DIR for the harness and CLI). */
  dataDir: string;
  transport: Transport;
  version: string;
  clock?: Clock;
  authorizer?: Authorizer;
  audit?: AuditSink;
}

export interface Core {
  router: Router;
  status: AppStatusService;
  close(): Promise<void>;
}

/** The composition root of the core services: a flat list of wiring, no logic. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const preferences = await openPreferencesStore(options.dataDir);
  const status = createAppStatusService();
  const audit = options.audit ?? createMemoryAuditSink(clock);
  const authorizer =
    options.authorizer ?? createAllowListAuthorizer(FOUNDATION_ALLOW_LIST, foundationAllowedChannels);

  const channels: ChannelHandlers = {
    'app.info': () => ({
      name: 'StarRing Workspace',
      version: options.version,
      transport: options.transport,
      platform: `${os.platform()}-${os.arch()}`,
      locale: preferences.get().locale,
    }),
    'app.status': () => status.get(),
    'settings.setLocale': async ({ locale }) => ({ locale: (await preferences.update({ locale })).locale }),
    'documents.list': () => ({ items: [], total: 0 }),
    'templates.list': () => ({ items: [] }),
    'models.list': () => ({ items: [] }),
    'audit.recent': async ({ limit }) => ({ items: await audit.recent(limit), store: audit.store }),
  };

  const streams: StreamHandlers = {
    'app.watchStatus': (_request, _context, emit, signal) =>
      new Promise<void>((resolve) => {
        emit(status.get());
        const stop = status.watch((next: AppStatus) => emit(next));
        signal.addEventListener('abort', () => {
          stop();
          resolve();
        });
      }),
    'diagnostics.selfTest': (request, _context, emit, signal) =>
      runSelfTest(options.dataDir, request, emit, signal),
  };

  const router = createRouter({ channels, streams, authorizer, audit });
  return {
    router,
    status,
    async close() {
      router.closeAll();
    },
  };
}
