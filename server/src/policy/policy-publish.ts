/**
 * Publishing a tenant policy: the admin sends an unsigned bundle (common/policy/policy-bundle.ts),
 * the server gives it the next version, signs it with the tenant's policy key
 * (main/core/policy/bundle-signature.ts) and stores the exact reply devices will get, whose SHA-256
 * is the ETag.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { PolicyBundle } from '../../../common/policy/policy-bundle';
import type { PolicyReply } from '../../../common/sync/server-api';
import { signPolicyBundle } from '../../../main/core/policy/bundle-signature';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';

/** How long a bundle stays fresh when the admin gives no expiresAt. */
export const DEFAULT_POLICY_LIFETIME_MS = 30 * 24 * 3_600_000;

export interface PublishedPolicy {
  version: number;
  etag: string;
  body: string;
  publishedAt: string;
}

/** Serialises publishes of one tenant, so two admins cannot both get version N+1. */
const PUBLISH_LOCK = 7_300_402;

export async function publishPolicy(
  q: Queryable,
  tenant: string,
  draft: unknown,
  policyKey: KeyObject,
  actor: string,
  now: Date,
): Promise<PublishedPolicy> {
  if (typeof draft !== 'object' || draft === null || Array.isArray(draft))
    throw new HttpError(400, 'INVALID_ARGUMENT', 'The body must be a policy bundle object.');
  const given = draft as Record<string, unknown>;
  if (given.tenant !== undefined && given.tenant !== tenant)
    throw new HttpError(
      400,
      'INVALID_ARGUMENT',
      `The bundle names tenant ${String(given.tenant)}, not ${tenant}.`,
    );
  await q.query('select pg_advisory_xact_lock($1, hashtext($2))', [PUBLISH_LOCK, tenant]);
  const last = await q.query<{ version: string | number | null }>(
    'select max(version) as version from policy_bundles where tenant_id = $1',
    [tenant],
  );
  const version = Number(last.rows[0]?.version ?? 0) + 1;
  const issuedAt = now.toISOString();
  const parsed = PolicyBundle.safeParse({
    v: 1,
    format: 'starring-policy-bundle',
    expiresAt: new Date(now.getTime() + DEFAULT_POLICY_LIFETIME_MS).toISOString(),
    ...given,
    tenant,
    version,
    issuedAt,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(
      400,
      'INVALID_ARGUMENT',
      `The policy bundle is invalid: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const reply: PolicyReply = { version, bundle: signPolicyBundle(parsed.data, policyKey) };
  const body = JSON.stringify(reply);
  const etag = createHash('sha256').update(body).digest('hex');
  await q.query(
    'insert into policy_bundles (tenant_id, version, body, etag, published_by, published_at) values ($1, $2, $3, $4, $5, $6)',
    [tenant, version, body, etag, actor, issuedAt],
  );
  return { version, etag, body, publishedAt: issuedAt };
}

/** The newest published bundle of the tenant, or undefined. */
export async function latestPolicy(q: Queryable, tenant: string): Promise<PublishedPolicy | undefined> {
  const { rows } = await q.query<{
    version: string | number;
    etag: string;
    body: string;
    published_at: Date | string;
  }>(
    'select version, etag, body, published_at from policy_bundles where tenant_id = $1 order by version desc limit 1',
    [tenant],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    version: Number(row.version),
    etag: row.etag,
    body: row.body,
    publishedAt: new Date(row.published_at).toISOString(),
  };
}

/** True when an If-None-Match header names `etag` (quoted, weak or in a list; `*` matches any). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const tag = part.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return tag === '*' || tag === etag;
  });
}
