import { z } from 'zod';
import { channel, stream } from './define';

/** Languages the UI ships, as BCP 47 tags. */
export const Locale = z.enum(['en', 'zh-CN']);
export type Locale = z.infer<typeof Locale>;

export const Transport = z.enum(['electron', 'browser-harness', 'cli', 'test']);
export type Transport = z.infer<typeof Transport>;

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  transport: Transport,
  platform: z.string(),
  locale: Locale,
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * What the status bar shows. Each part starts as an honest placeholder ("no server configured",
 * "vault not set up") that the sync and vault services replace.
 */
export const AppStatus = z.strictObject({
  network: z.enum(['online', 'offline', 'no-server']),
  sync: z.enum(['not-configured', 'idle', 'syncing', 'error']),
  vault: z.enum(['not-set-up', 'locked', 'unlocked', 'unavailable']),
  /** Set by sync while the device is enrolled and unlocked: last good sync, entries no receipt covers. */
  syncDetail: z
    .strictObject({ lastSyncAt: z.string().max(40).nullable(), pending: z.number().int().nonnegative() })
    .optional(),
});
export type AppStatus = z.infer<typeof AppStatus>;

export const SelfTestEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('progress'),
    done: z.number().int().nonnegative(),
    total: z.number().int().positive(),
    check: z.string(),
  }),
  z.strictObject({
    type: z.literal('result'),
    check: z.string(),
    passed: z.boolean(),
    detail: z.string(),
  }),
]);
export type SelfTestEvent = z.infer<typeof SelfTestEvent>;

const Empty = z.strictObject({});

export const appContract = {
  'app.info': channel({
    summary: 'Product name, version, the transport in use and the saved UI language.',
    request: Empty,
    reply: AppInfo,
  }),
  'app.status': channel({
    summary: 'Network, sync and vault state for the status bar.',
    request: Empty,
    reply: AppStatus,
  }),
  'settings.setLocale': channel({
    summary: "Saves the user's UI language.",
    request: z.strictObject({ locale: Locale }),
    reply: z.strictObject({ locale: Locale }),
    audited: true,
  }),
  'app.watchStatus': stream({
    summary: 'Pushes the status whenever it changes, starting with the current one.',
    request: Empty,
    event: AppStatus,
  }),
  'diagnostics.selfTest': stream({
    summary:
      'Runs the local self-test (crypto, storage engine, data folder) and streams progress and results; cancel stops it.',
    request: z.strictObject({ delayMs: z.number().int().min(0).max(5_000).default(0) }),
    event: SelfTestEvent,
    audited: true,
  }),
};
