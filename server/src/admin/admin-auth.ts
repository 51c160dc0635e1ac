import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AdminIdentity } from '../context';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseToken, sha256Hex } from './tokens';

export const ADMIN_SESSION_COOKIE = 'starring_admin_session';

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match)
    throw new HttpError(401, 'ADMIN_AUTH_INVALID', 'Authorization must be "Bearer <admin API token>"');
  return match[1]!;
}

function sessionCookie(request: FastifyRequest): string | null {
  const cookies = request.headers.cookie;
  if (!cookies) return null;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === ADMIN_SESSION_COOKIE) return value.join('=');
  }
  return null;
}

async function byToken(db: Database, token: string): Promise<AdminIdentity> {
  const parsed = parseToken(token);
  const hash = sha256Hex(token);
  if (parsed?.kind === 'operator') {
    const { rows } = await db.withoutTenant((q) =>
      q.query<{ label: string }>(
        'select label from operator_tokens where token_sha256 = $1 and revoked_at is null',
        [hash],
      ),
    );
    if (rows[0]) return { kind: 'operator', subject: `operator-token:${rows[0].label}` };
  } else if (parsed?.kind === 'tenant-admin') {
    // Looked up inside the token's own tenant: RLS makes another tenant's token table invisible.
    const { rows } = await db.withTenant(parsed.tenant, (q) =>
      q.query<{ label: string }>(
        'select label from admin_tokens where token_sha256 = $1 and revoked_at is null',
        [hash],
      ),
    );
    if (rows[0])
      return {
        kind: 'tenant-admin',
        tenant: parsed.tenant,
        subject: `admin-token:${rows[0].label}`,
        via: 'token',
      };
  }
  throw new HttpError(401, 'ADMIN_AUTH_INVALID', 'the admin API token is unknown or revoked');
}

/** Session cookie value `<tenant>.<secret>`: the tenant scopes the lookup, like admin tokens. */
async function bySession(db: Database, value: string): Promise<AdminIdentity> {
  const match = /^([a-z0-9][a-z0-9-]{1,62})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (match) {
    const tenant = match[1]!;
    const { rows } = await db.withTenant(tenant, (q) =>
      q.query<{ subject: string; email: string | null }>(
        'select subject, email from admin_sessions where session_sha256 = $1 and expires_at > now()',
        [sha256Hex(value)],
      ),
    );
    if (rows[0])
      return {
        kind: 'tenant-admin',
        tenant,
        subject: `oidc:${rows[0].email ?? rows[0].subject}`,
        via: 'oidc',
      };
  }
  throw new HttpError(401, 'ADMIN_SESSION_INVALID', 'the admin session is unknown or expired: sign in again');
}

/** preHandler for /v1/admin/*: a Bearer admin token, or an OIDC admin session cookie. */
export function createAdminAuth(db: Database): preHandlerAsyncHookHandler {
  return async function adminAuth(request) {
    const token = bearer(request);
    if (token) {
      request.admin = await byToken(db, token);
      return;
    }
    const session = sessionCookie(request);
    if (session) {
      request.admin = await bySession(db, session);
      return;
    }
    throw new HttpError(
      401,
      'ADMIN_AUTH_REQUIRED',
      'send Authorization: Bearer <admin API token> or sign in with OIDC',
    );
  };
}

/** The tenant an admin route acts on, after checking the caller may act on it. */
export function adminTenant(request: FastifyRequest, tenant: string): string {
  const admin = request.admin;
  if (!admin) throw new Error('adminTenant on a route without ctx.adminAuth');
  if (admin.kind === 'operator' || admin.tenant === tenant) return tenant;
  throw new HttpError(403, 'ADMIN_WRONG_TENANT', 'this admin credential belongs to another tenant');
}

/** Only operator tokens may do this (create tenants). */
export function requireOperator(request: FastifyRequest): void {
  if (request.admin?.kind !== 'operator') {
    throw new HttpError(403, 'ADMIN_OPERATOR_ONLY', 'only an operator (super-admin) token may do this');
  }
}
