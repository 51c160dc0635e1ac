import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { AppStatus, DocumentSummary, Transport } from '../../common/contract';
import { createAppStatusService, type AppStatusService } from './app/app-status.service';
import { openPreferencesStore } from './app/preferences.store';
import { runSelfTest } from './app/self-test.service';
import { systemClock, type Clock } from './clock';
import { auditChannelHandlers, auditStreamHandlers } from './audit-session/audit.handlers';
import { createAuditSession, unavailableAuditSession } from './audit-session/audit-session';
import { createMemoryAuditSink, type AuditSink } from './router/audit-sink';
import type { Authorizer } from './router/authorizer';
import type { ChannelHandlers, StreamHandlers } from './router/handlers';
import { createRouter, type Router } from './router/router';
import { deidentify } from './builtins/phi/deidentify';
import { summarize } from './builtins/summary/text-rank';
import { readManagedConfig, type ManagedSource } from './managed-config/managed-config.reader';
import { managedSettingsView } from './managed-config/effective-settings';
import { createModelsService, defaultPackSources, type WorkerLauncher } from './models';
import { policyCurrentView, policyExplainView } from './policy/policy-view';
import { createPolicyRuntime } from './policy/policy-runtime';
import { AuditedReply } from './router/handlers';
import { repoRoot } from './app/app-version';
import { createVaultService, type KeyProvider, type ScryptParams } from './vault';
import {
  createDocumentService,
  documentChannelHandlers,
  loadTemplates,
  type DocumentService,
} from './documents';
import { vaultChannelHandlers, vaultStreamHandlers } from './vault-session/vault.handlers';
import { createVaultSession, type VaultSession } from './vault-session/vault-session.service';
import { createSearchService, modelsEmbedder, searchQuery } from './search';
import { createDocumentLoader, createExportService, documentsExport, type PrintToPdf } from './export';
import type { ExportFileFormat } from '../../common/contract';
import { syncChannelHandlers } from './sync/sync.handlers';
import { createSyncService } from './sync/sync.service';

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
  /** The desktop shell's save dialog for document exports; without it exports go to `<dataDir>/exports`. */
  chooseExportPath?: (suggestedName: string, format: ExportFileFormat) => Promise<string | null>;
  /** The desktop shell's printToPDF of the print view; without it pdf-lib lays the PDF out. */
  printToPdf?: PrintToPdf;
  /** Where managed configuration is read (tests inject one); the OS's own by default. */
  managedSource?: ManagedSource;
  /** The app's shipped model packs; `<repo>/models` from a checkout. */
  appModelsDir?: string;
  /** The organisation's tenant id (managed configuration); 'local' for a stand-alone device. */
  tenant?: string;
  /** Hosts the inference worker (the Electron shell uses a utilityProcess); a worker_thread by default. */
  modelWorkerLauncher?: WorkerLauncher;
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
  const managed = await readManagedConfig(options.managedSource);
  for (const problem of managed.problems) console.warn(`[managed-config] ${problem.key}: ${problem.message}`);
  const auditSession = options.audit
    ? undefined
    : createAuditSession({
        dataDir: options.dataDir,
        clock,
        tenant: options.tenant ?? 'local',
        onBackgroundError: (error) => console.error('[audit] background checkpoint failed', error),
      });
  const audit: AuditSink = options.audit ?? auditSession ?? createMemoryAuditSink(clock);
  const templates = await loadTemplates({
    builtinDir: join(repoRoot, 'templates'),
    managedDir:
      typeof managed.values.TemplateDirectory === 'string' ? managed.values.TemplateDirectory : undefined,
  });
  // Its vault is reached lazily (created below); policy asks it who owns a document and whether it is signed.
  const documents: DocumentService = createDocumentService({
    repo: () => vault.unlocked().documents,
    templates,
    verifyPassphrase: (passphrase) => vault.verifyPassphrase(passphrase),
    clock,
  });
  const policy = await createPolicyRuntime({
    findDocument: (id) => documents.facts(id),
    dataDir: options.dataDir,
    managed,
    clock,
    device: () => ({
      id: 'this-device',
      managed: Object.keys(managed.values).length > 0,
      online: status.get().network === 'online',
    }),
    // A refused bundle is a security event: it goes into the same log as every other act.
    onRefused: (refusal) =>
      void Promise.resolve(
        audit.record({
          actor: 'system',
          action: 'policy.install',
          outcome: 'deny',
          reason: refusal.message,
          policyId: 'policy-store',
          details: { refusal: refusal.code },
        }),
      ).catch(() => undefined),
  });
  const authorizer = options.authorizer ?? policy.authorizer;
  const activeSettings = () => policy.store.current().settings;
  // Audit entries and policy are all that ever go to the organisation server; documents never do.
  const sync = createSyncService({
    managed,
    status,
    auditLog: () => auditSession?.log(),
    clock,
    appVersion: options.version,
    policy: {
      version: () => policy.store.current().bundle?.version ?? 0,
      // A refusal is already reported (and audited) by the store's onRefused.
      install: async (reply) => void (await policy.store.install(JSON.stringify(reply.bundle))),
      trust: (pem) => policy.trust(pem),
      auditSyncIntervalMinutes: () => activeSettings().auditSyncIntervalMinutes,
    },
  });
  const models = createModelsService({
    sources: () =>
      defaultPackSources({
        appModelsDir: options.appModelsDir ?? join(repoRoot, 'models'),
        ...(typeof managed.values.ModelDirectory === 'string' && {
          managedDir: managed.values.ModelDirectory,
        }),
        userDir: join(options.dataDir, 'models'),
      }),
    policy: () => ({
      allowOnPrem: activeSettings().allowOnPrem ?? false,
      deidentifyBeforeOnPrem: activeSettings().deidentifyBeforeOnPrem,
      allowlist: activeSettings().modelAllowlist,
      requireSignedPacks: false,
    }),
    deidentify: (text) => deidentify(text),
    ...(options.modelWorkerLauncher && { runtimeOptions: { launcher: options.modelWorkerLauncher } }),
    builtins: { summarize: (text) => summarize(text).text },
  });

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
    idleLockMinutes:
      options.idleLockMinutes ??
      (typeof managed.values.IdleLockMinutes === 'number' ? managed.values.IdleLockMinutes : undefined) ??
      policy.store.current().settings.idleLockMinutes,
    requirePassphrase: managed.values.RequirePassphrase === true,
    // Search's in-memory vectors are derived from document text: dropped whenever the vault locks.
    onLocking: () => {
      search.reset();
      // Sync stops first: it reads the audit log, which closes next.
      return sync.close().then(() => auditSession?.close());
    },
    ...(auditSession && {
      onUnlocked: async (unlockedVault) => {
        await auditSession.open(unlockedVault);
        await sync.open(unlockedVault);
      },
    }),
  });
  await vault.state();

  const auditDeps = {
    session: auditSession ?? unavailableAuditSession(),
    clock,
    exportsDir: join(options.dataDir, 'exports'),
    ...(options.chooseBundlePath && { chooseBundlePath: options.chooseBundlePath }),
  };

  const exporter = createExportService({
    load: createDocumentLoader({
      view: (id, version) => documents.get(id, version),
      record: (id, version) =>
        version === undefined
          ? vault.unlocked().documents.get(id)
          : vault.unlocked().documents.getVersion(id, version),
      template: (id) => templates.get(id)?.template,
    }),
    clock,
    exportsDir: join(options.dataDir, 'exports'),
    choosePath: options.chooseExportPath,
    printToPdf: options.printToPdf,
  });

  const search = createSearchService({
    vault: () => vault.unlocked(),
    embedder: modelsEmbedder(models),
    onBackgroundError: (error) => console.error('[search] background indexing failed', error),
  });

  const channels: ChannelHandlers = {
    ...vaultChannelHandlers(vault),
    ...auditChannelHandlers(auditDeps),
    ...documentChannelHandlers(documents, templates),
    ...syncChannelHandlers(sync),
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
    'search.query': (request) => searchQuery(search, request),
    'documents.export': (request) => documentsExport(exporter, request),
    'models.list': () => models.list(),
    'models.packs': (request) => models.packs(request),
    'models.testPrompt': async (request) => {
      const { reply, audit: facts } = await models.testPrompt(request);
      return new AuditedReply(reply, { ...facts });
    },
    'policy.current': () => policyCurrentView(policy.store),
    'policy.explain': (request, context) => policyExplainView(policy.authorizer, context, request),
    'settings.managed': () => managedSettingsView({ Locale: preferences.get().locale }, managed),
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
    'models.verify': (request, _context, emit, signal) => models.verify(request, emit, signal),
    'assistant.chat': async (request, _context, emit, signal) => {
      const record = await models.chat(request, emit, signal);
      return {
        audit: { ...record.audit, classification: record.classification, deidentified: record.deidentified },
      };
    },
    'models.embed': async (request, _context, emit, signal) => {
      const record = await models.embed(request, emit, signal);
      return { audit: { ...record.audit } };
    },
  };

  const router = createRouter({ channels, streams, authorizer, audit });
  return {
    router,
    status,
    vault,
    async close() {
      router.closeAll();
      vault.dispose();
      await models.close();
      // A damaged vault may refuse even to report its state; shutting down must still finish.
      await vault.lock().catch((error: unknown) => console.error('[core] lock on close failed', error));
    },
  };
}
