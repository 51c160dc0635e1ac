/**
 * Standard Webhooks signatures (standardwebhooks.com): `webhook-signature: v1,<base64 HMAC-SHA256
 * of "<id>.<timestamp>.<body>">`, keyed with the base64 bytes after `whsec_`. Receivers verify with
 * any Standard Webhooks library; verifyWebhook below is what our tests use.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
/** Receivers should refuse messages older or newer than this (replay protection). */
export const WEBHOOK_TOLERANCE_S = 5 * 60;

/** A fresh `whsec_` secret of 24 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
  if (key.length < 16) throw new Error('a webhook secret must hold at least 16 bytes');
  return key;
}

/** The three headers of one delivery attempt. */
export function signWebhook(
  secret: string,
  id: string,
  timestampS: number,
  body: string,
): Record<string, string> {
  const sig = createHmac('sha256', keyOf(secret)).update(`${id}.${timestampS}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampS), 'webhook-signature': `v1,${sig}` };
}

/** True when one of the space-separated v1 signatures holds and the timestamp is within tolerance. */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowS = Math.floor(Date.now() / 1000),
): boolean {
  const id = headers['webhook-id'];
  const ts = headers['webhook-timestamp'];
  const sigs = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof ts !== 'string' || typeof sigs !== 'string') return false;
  const timestamp = Number(ts);
  if (!Number.isInteger(timestamp) || Math.abs(nowS - timestamp) > WEBHOOK_TOLERANCE_S) return false;
  const expected = Buffer.from(
    createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64'),
  );
  return sigs.split(' ').some((part) => {
    const [version, sig] = part.split(',');
    if (version !== 'v1' || !sig) return false;
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
