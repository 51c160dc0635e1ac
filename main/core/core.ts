import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { AppStatus, DocumentSummary, Transport } from '../../common/contract';
import { createAppStatusService, type AppStatusService } from './app/app-status.service';
import { FOUNDATION_ALLOW_LIST, foundationAllowedChannels } from './app/foundation-allow-list';
import { openPreferencesStore } from './app/preferences.store';
import { runSelfTest } from './app/self-test.service';
import { systemClock, type Clock } from './clock';
import { auditChannelHandlers, auditStreamHandlers } from './audit-session/audit.handlers';
import { createAuditSession, unavailableAuditSession } from './audit-session/audit-session';
import { createMemoryAuditSink, type AuditSink } from './router/audit-sink';
import { createAllowListAuthorizer, type Authorizer } from './router/authorizer';
import type { ChannelHandlers, StreamHandlers } from './router/handlers';
import { createRouter, type Router } from './router/router';
import { createVaultService, type KeyProvider, type ScryptParams } from './vault';
import { vaultChannelHandlers, vaultStreamHandlers } from './vault-session/vault.handlers';
import { createVaultSession, type VaultSession } from './vault-session/vault-session.service';

export interface CoreOptions {
  /** The user-data folder (Electron's userData, or --vault DIR for the harness and CLI). */
  dataDir: string;
  transport: Transport;
  version: string;
  clock?: Clock;
  authorizer?: Authorizer;
  audit?: AuditSink;
  /** The OS keystore (Electron safeStorage); absent in the harness and CLI. */
  keyProvider?: KeyProvider;
  keystoreAbsentReason?: string;
  /** scrypt cost for new passphrases; tests pass cheap parameters. */
  scrypt?: ScryptParams;
  idleLockMinutes?: number;
  /** The desktop shell's save dialog for audit bundles; without it bundles go to `<dataDir>/exports`. */
  chooseBundlePath?: (suggestedName: string) => Promise<string | null>;
  /** The organisation's tenant id (managed configuration); 'local' for a stand-alone device. */
  tenant?: string;
}

export interface Core {
  router: Router;
  status: AppStatusService;
  vault: VaultSession;
  close(): Promise<void>;
}

/** The composition root of the core services: a flat list of wiring, no logic. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const preferences = await openPreferencesStore(options.dataDir);
  const status = createAppStatusService();
  const auditSession = options.audit
    ? undefined
    : createAuditSession({
        dataDir: options.dataDir,
        clock,
        tenant: options.tenant ?? 'local',
        onBackgroundError: (error) => console.error('[audit] background checkpoint failed', error),
      });
  const audit: AuditSink = options.audit ?? auditSession ?? createMemoryAuditSink(clock);
  const authorizer =
    options.authorizer ?? createAllowListAuthorizer(FOUNDATION_ALLOW_LIST, foundationAllowedChannels);

  const vault = createVaultSession({
    vault: createVaultService({
      dir: join(options.dataDir, 'vault'),
      ...(options.keyProvider && { keyProvider: options.keyProvider }),
      ...(options.scrypt && { scrypt: options.scrypt }),
    }),
    ...(options.keyProvider && { keyProvider: options.keyProvider }),
    keystoreAbsentReason:
      options.keystoreAbsentReason ??
      (options.transport === 'browser-harness'
        ? 'The browser harness cannot reach the OS keystore; the desktop app can.'
        : 'No OS keystore is available here.'),
    status,
    ...(options.idleLockMinutes !== undefined && { idleLockMinutes: options.idleLockMinutes }),
    ...(auditSession && {
      onUnlocked: (unlockedVault) => auditSession.open(unlockedVault),
      onLocking: () => auditSession.close(),
    }),
  });
  await vault.state();

  const auditDeps = {
    session: auditSession ?? unavailableAuditSession(),
    clock,
    exportsDir: join(options.dataDir, 'exports'),
    ...(options.chooseBundlePath && { chooseBundlePath: options.chooseBundlePath }),
  };

  const channels: ChannelHandlers = {
    ...vaultChannelHandlers(vault),
    ...auditChannelHandlers(auditDeps),
    'app.info': () => ({
      name: 'StarRing Workspace',
      version: options.version,
      transport: options.transport,
      platform: `${os.platform()}-${os.arch()}`,
      locale: preferences.get().locale,
    }),
    'app.status': () => status.get(),
    'settings.setLocale': async ({ locale }) => ({ locale: (await preferences.update({ locale })).locale }),
    'documents.list': async (request) => {
      const page = await vault.unlocked().documents.list(request);
      return {
        total: page.total,
        items: page.items.map((d) => ({
          id: d.id,
          title: d.title,
          templateId: d.templateId,
          industry: d.industry as DocumentSummary['industry'],
          classification: d.classification,
          updatedAt: new Date(d.updatedAt).toISOString(),
          version: d.version,
        })),
      };
    },
    'templates.list': () => ({ items: [] }),
    'models.list': () => ({ items: [] }),
    'audit.recent': async ({ limit }) => ({ items: await audit.recent(limit), store: audit.store }),
  };

  const streams: StreamHandlers = {
    ...vaultStreamHandlers(vault),
    ...auditStreamHandlers(auditDeps),
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
    vault,
    async close() {
      router.closeAll();
      vault.dispose();
      // A damaged vault may refuse even to report its state; shutting down must still finish.
      await vault.lock().catch((error: unknown) => console.error('[core] lock on close failed', error));
    },
  };
}
