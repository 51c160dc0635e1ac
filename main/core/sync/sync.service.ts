/**
 * Enrollment and the sync loop, tied to the vault's life: the credentials are read when the vault
 * unlocks (the engine starts), and the engine stops before it locks. It reports into the status
 * bar's AppStatus and answers the Organisation server panel.
 */
import os from 'node:os';
import type { AppStatus, SyncStatus } from '../../../common/contract';
import { AppError } from '../../../common/errors';
import { TenantSlug, type PolicyReply } from '../../../common/sync/server-api';
import type { AuditLog } from '../audit/audit-log';
import type { AppStatusService } from '../app/app-status.service';
import type { Clock } from '../clock';
import type { ManagedConfig } from '../managed-config/managed-config.resolve';
import type { VaultService } from '../vault';
import {
  checkIssuedCertificate,
  clearCredentials,
  createCertificateRequest,
  loadCredentials,
  saveCredentials,
  type DeviceCredentials,
} from './device-credentials';
import { createServerClient, type ServerClient, type ServerEndpoint } from './server-client';
import {
  createSyncEngine,
  pendingEntries,
  type SyncEngine,
  type SyncEngineOptions,
  type Timers,
} from './sync-engine';

/** What sync needs of the policy runtime. */
export interface SyncPolicyPort {
  version(): number;
  /** Verifies and installs (the runtime refuses rollbacks and bad signatures, and audits refusals). */
  install(reply: PolicyReply): Promise<void>;
  /** Trusts the tenant's policy key from enrollment (and loads a saved bundle it signed). */
  trust(publicKeyPem: string): Promise<void>;
  auditSyncIntervalMinutes(): number;
}

export interface SyncServiceOptions {
  managed: ManagedConfig;
  status: AppStatusService;
  /** The open audit log (undefined while locked). */
  auditLog(): AuditLog | undefined;
  policy: SyncPolicyPort;
  clock: Clock;
  appVersion: string;
  /** Tests: fake time and a short request timeout. */
  timers?: Timers;
  random?: () => number;
  timeoutMs?: number;
  /** Builds the HTTPS client (tests may wrap it to observe calls). */
  clientFactory?: (endpoint: ServerEndpoint) => ServerClient;
}

export interface SyncService {
  open(vault: VaultService): Promise<void>;
  close(): Promise<void>;
  status(): SyncStatus;
  enroll(request: { serverUrl: string; tenant: string; code: string }): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  unenroll(): Promise<SyncStatus>;
}

function managedString(
  config: ManagedConfig,
  key: 'ServerUrl' | 'TenantId' | 'ServerCaCertificate',
): string | undefined {
  const value = config.values[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const managedUrl = managedString(options.managed, 'ServerUrl');
  const managedTenant = managedString(options.managed, 'TenantId');
  const managedCa = managedString(options.managed, 'ServerCaCertificate');
  const makeClient = options.clientFactory ?? createServerClient;
  let vault: VaultService | undefined;
  let credentials: DeviceCredentials | undefined;
  let engine: SyncEngine | undefined;
  let ticker: NodeJS.Timeout | undefined;

  function status(): SyncStatus {
    const snap = engine?.snapshot();
    const log = options.auditLog();
    return {
      state: !vault ? 'locked' : credentials ? 'enrolled' : 'not-enrolled',
      prefill: {
        serverUrl: managedUrl ?? credentials?.serverUrl ?? null,
        tenant: managedTenant ?? credentials?.tenant ?? null,
        serverUrlLocked: managedUrl !== undefined,
        tenantLocked: managedTenant !== undefined,
      },
      serverUrl: credentials?.serverUrl ?? null,
      tenant: credentials?.tenant ?? null,
      device: credentials?.device ?? null,
      enrolledAt: credentials?.enrolledAt ?? null,
      online: snap?.online ?? null,
      phase: snap?.phase ?? null,
      lastSyncAt: snap?.lastSyncAt ?? null,
      nextAttemptAt: snap?.nextAttemptAt ?? null,
      pending: credentials && log ? pendingEntries(log) : null,
      lastError: snap?.lastError ?? null,
    };
  }

  /** The status bar's part: network, sync and the two numbers, or honest placeholders. */
  function publish(): void {
    const current = status();
    // Locked, the enrollment cannot be read: keep the last words the bar had rather than guess.
    if (current.state === 'locked') {
      options.status.update({ syncDetail: undefined });
      return;
    }
    const patch: Partial<AppStatus> =
      current.state !== 'enrolled'
        ? { network: 'no-server', sync: 'not-configured', syncDetail: undefined }
        : {
            network: current.online ? 'online' : 'offline',
            sync: current.phase ?? 'idle',
            syncDetail: { lastSyncAt: current.lastSyncAt, pending: current.pending ?? 0 },
          };
    options.status.update(patch);
  }

  async function startEngine(): Promise<void> {
    const log = options.auditLog();
    if (!credentials || !log) return;
    await options.policy.trust(credentials.policyPublicKeyPem);
    engine = createSyncEngine({
      log,
      client: makeClient({
        serverUrl: credentials.serverUrl,
        // Pinning: the organisation's CA when IT set one, else the tenant CA from enrollment — never the system store.
        ca: managedCa ?? credentials.caCertificatePem,
        certificatePem: credentials.certificatePem,
        keyPem: credentials.keyPem,
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      }),
      receiptPublicKeyPem: credentials.receiptPublicKeyPem,
      installPolicy: (reply) => options.policy.install(reply),
      policyVersion: () => options.policy.version(),
      clock: options.clock,
      intervalMs: () => options.policy.auditSyncIntervalMinutes() * 60_000,
      ...(options.timers && { timers: options.timers }),
      ...(options.random && { random: options.random }),
      onChange: publish,
    } satisfies SyncEngineOptions);
    engine.start();
    // New audit entries arrive from every part of the app; the count of those waiting is cheap to read.
    ticker ??= setInterval(publish, 2_000);
    ticker.unref();
  }

  async function stopEngine(): Promise<void> {
    const running = engine;
    engine = undefined;
    await running?.stop();
  }

  function unlockedVault(): VaultService {
    if (!vault)
      throw new AppError('VAULT_LOCKED', 'Unlock the vault first: the enrollment is kept inside it.');
    return vault;
  }

  return {
    async open(unlocked) {
      vault = unlocked;
      // Nothing here may stand between the user and their vault: a broken enrollment only stops sync.
      try {
        credentials = await loadCredentials(unlocked);
        await startEngine();
      } catch (error) {
        console.error('[sync] enrollment unreadable; sync stays off', error);
        credentials = undefined;
      }
      publish();
    },
    async close() {
      await stopEngine().catch((error: unknown) => console.error('[sync] stop failed', error));
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      vault = undefined;
      credentials = undefined;
      publish();
    },
    status,

    async enroll(request) {
      const target = unlockedVault();
      const log = options.auditLog();
      if (!log) throw new AppError('VAULT_LOCKED', 'The audit log is not open; unlock the vault first.');
      // Managed configuration wins: a user cannot point a managed device at another server.
      const serverUrl = managedUrl ?? request.serverUrl;
      const tenant = managedTenant ?? request.tenant;
      let url: URL;
      try {
        url = new URL(serverUrl);
      } catch {
        throw new AppError('INVALID_ARGUMENT', 'The server URL is not a URL.', { field: 'serverUrl' });
      }
      if (url.protocol !== 'https:') {
        throw new AppError('INVALID_ARGUMENT', 'The server URL must start with https://.', {
          field: 'serverUrl',
        });
      }
      if (!TenantSlug.safeParse(tenant).success) {
        throw new AppError('INVALID_ARGUMENT', 'A tenant id is 2–63 lowercase letters, digits or hyphens.', {
          field: 'tenant',
        });
      }
      const csr = createCertificateRequest(log.deviceId);
      // Before enrollment only IT's CA (or the system store) can vouch for the server.
      const client = makeClient({
        serverUrl: url.origin,
        ...(managedCa !== undefined && { ca: managedCa }),
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      });
      const reply = await client.enroll({
        tenant,
        code: request.code,
        device: log.deviceId,
        deviceName: (os.hostname() || 'device').slice(0, 128),
        platform: `${process.platform}-${process.arch}`.slice(0, 32),
        appVersion: options.appVersion.slice(0, 32),
        csrPem: csr.csrPem,
        auditPublicKeyPem: log.identity.publicKeyPem,
      });
      if (reply.device !== log.deviceId || reply.tenant !== tenant) {
        throw new AppError(
          'SYNC_INCOMPATIBLE',
          'The server enrolled another device or tenant than the one asked for.',
        );
      }
      checkIssuedCertificate(reply.certificatePem, csr.keyPem, log.deviceId);
      await stopEngine();
      credentials = {
        serverUrl: url.origin,
        tenant,
        device: reply.device,
        keyPem: csr.keyPem,
        certificatePem: reply.certificatePem,
        caCertificatePem: reply.caCertificatePem,
        receiptPublicKeyPem: reply.receiptPublicKeyPem,
        policyPublicKeyPem: reply.policyPublicKeyPem,
        enrolledAt: options.clock.now().toISOString(),
      };
      await saveCredentials(target, credentials);
      await startEngine();
      publish();
      return status();
    },

    async syncNow() {
      unlockedVault();
      if (!engine)
        throw new AppError('NOT_FOUND', 'This device is not enrolled with an organisation server.');
      await engine.syncNow();
      publish();
      return status();
    },

    async unenroll() {
      const target = unlockedVault();
      await stopEngine();
      await clearCredentials(target);
      credentials = undefined;
      publish();
      return status();
    },
  };
}
