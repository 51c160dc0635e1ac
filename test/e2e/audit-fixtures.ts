/**
 * Fixtures for the Audit view's e2e tests, on their own (they do not use fixtures.ts): the real
 * core and browser harness on a fresh data folder, a vault created and an audit log filled
 * through the core BEFORE the page loads, so the app opens straight onto an unlocked vault (past
 * any setup or unlock screen) and the Audit view has a long, hash-chained log to show.
 *
 * The log is filled the way the app fills it: `calls` real audited router calls
 * (settings.setLocale), a few failed ones (vault.create on an existing vault), a lock/unlock cycle
 * (the lock signs a checkpoint), and optionally `bulk` records queued the way the core queues acts
 * made while the vault is locked (its pending file, appended to the chain in one batch at unlock) —
 * thousands of entries in a second instead of one fsync each.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Locale } from '../../common/contract';
import { repoRoot } from '../../main/core/app/app-version';
import { createCore, type Core } from '../../main/core/core';
import type { CallContext } from '../../main/core/router/call-context';
import { startHarness, type Harness } from '../../main/harness/harness-server';

export const AUDIT_PASSPHRASE = 'correct horse battery staple ward 7';

const rendererDir = join(repoRoot, 'dist', 'renderer');
const preloadScript = join(repoRoot, 'dist', 'harness', 'harness-preload.js');

/** What the log holds when the page opens (oldest first). */
export interface AuditLogSetup {
  /** Audited `settings.setLocale` calls through the router. */
  calls: number;
  /** Failed `vault.create` calls (each is an `allow` entry, then a `failure` entry). */
  failures: number;
  /** Records queued while locked, drained at the unlock (actors and outcomes vary). */
  bulk: number;
  /** The UI language saved before the page loads. */
  locale: Locale;
}

export interface AuditHarness {
  url: string;
  dataDir: string;
  core: Core;
  /** An audited call through the router, as the local user. */
  invoke(channel: string, request: unknown): Promise<unknown>;
}

interface AuditFixtures {
  auditLog: AuditLogSetup;
  auditHarness: AuditHarness;
  /** The app open on the Audit view (#/audit), its heading visible. */
  auditPage: Page;
  auditConsoleErrors: string[];
}

const context: CallContext = { transport: 'browser-harness', actor: 'local-user', origin: 'e2e-setup' };

export const test = base.extend<AuditFixtures>({
  auditLog: [{ calls: 300, failures: 2, bulk: 0, locale: 'en' }, { option: true }],

  auditHarness: async ({ auditLog }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'starring-audit-e2e-'));
    const core = await createCore({ dataDir, transport: 'browser-harness', version: '0.0.0-e2e' });
    let harness: Harness | undefined;
    try {
      const invoke = async (channel: string, request: unknown): Promise<unknown> =>
        core.router.invoke(context, channel, request);
      await fillLog(core, dataDir, auditLog, invoke);
      harness = await startHarness({ core, rendererDir, preloadScript, port: 0 });
      await use({ url: harness.url, dataDir, core, invoke });
    } finally {
      await harness?.close();
      await core.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },

  auditConsoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      expect(errors, 'no console errors').toEqual([]);
    },
    { auto: true },
  ],

  auditPage: async ({ page, auditHarness, auditLog }, use) => {
    await page.goto(`${auditHarness.url}#/audit`);
    const title = auditLog.locale === 'zh-CN' ? '审计' : 'Audit';
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 20_000 });
    await use(page);
  },
});

export { expect };

async function fillLog(
  core: Core,
  dataDir: string,
  setup: AuditLogSetup,
  invoke: AuditHarness['invoke'],
): Promise<void> {
  await core.vault.create({ passphrase: AUDIT_PASSPHRASE, useOsKeystore: false });
  for (let i = 0; i < setup.calls; i += 1) {
    await invoke('settings.setLocale', { locale: 'en' });
  }
  // The lock signs a checkpoint; acts queued while locked enter the chain at the unlock.
  await core.vault.lock();
  if (setup.bulk > 0) await writeFile(join(dataDir, 'audit-pending.jsonl'), bulkRecords(setup.bulk));
  await core.vault.unlock({ method: 'passphrase', passphrase: AUDIT_PASSPHRASE });
  for (let i = 0; i < setup.failures; i += 1) {
    await invoke('vault.create', { passphrase: AUDIT_PASSPHRASE, useOsKeystore: false });
  }
  if (setup.locale !== 'en') await invoke('settings.setLocale', { locale: setup.locale });
}

const bulkActors = ['dr.chen', 'nurse.li', 'qa.wang', 'local-user'];

/** Lines of the core's pending-audit file (router records plus the time they were made). */
function bulkRecords(count: number): string {
  const start = Date.now() - count * 60_000;
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const denied = i % 7 === 5;
    lines.push(
      JSON.stringify({
        actor: bulkActors[i % bulkActors.length],
        action: 'documents.list',
        outcome: denied ? 'deny' : 'allow',
        reason: denied
          ? 'Listing documents is not permitted for this role outside working hours.'
          : 'You may list the documents in your vault.',
        policyId: 'builtin-documents',
        recordedAt: new Date(start + i * 60_000).toISOString(),
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
