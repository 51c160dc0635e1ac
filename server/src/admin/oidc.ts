/**
 * Admin sign-in with the organisation's IdP: OpenID Connect authorization code flow with PKCE
 * (openid-client), configured per tenant (tenants.oidc_issuer / oidc_client_id, a public client).
 *
 *   GET /v1/admin/oidc/:tenant/login  → 302 to the IdP; the PKCE verifier, state and nonce travel in
 *                                       a short-lived cookie sealed under the master key (stateless)
 *   GET /v1/admin/oidc/callback       → code exchanged and checked; the signed-in email must be a
 *                                       user of the tenant with the role `admin`; sets the session
 *                                       cookie that ctx.adminAuth accepts
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { ServerContext, ServerPlugin } from '../context';
import { HttpError, parseWith } from '../http/errors';
import { ADMIN_SESSION_COOKIE } from './admin-auth';
import { TenantParams } from './admin.schemas';
import { sha256Hex } from './tokens';

export interface OidcOptions {
  /** The server's external base URL (for redirect_uri); default https://<Host header>. */
  publicUrl?: string;
  /** Allow an http:// issuer — tests with a loopback IdP only. */
  allowInsecureIssuer?: boolean;
}

const LOGIN_COOKIE = 'starring_oidc_login';
const LOGIN_TTL_MS = 10 * 60 * 1000;
const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const PURPOSE = 'oidc-login';
/** The role a user must hold to sign in to the admin API with OIDC. */
export const ADMIN_ROLE = 'admin';

const PendingLogin = z.strictObject({
  tenant: z.string(),
  verifier: z.string(),
  state: z.string(),
  nonce: z.string(),
  redirectUri: z.string(),
  expires: z.number(),
});

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function configCache(ctx: ServerContext, options: OidcOptions) {
  const configs = new Map<string, Promise<oidc.Configuration>>();
  async function discover(tenant: string): Promise<oidc.Configuration> {
    const { rows } = await ctx.db.withoutTenant((q) =>
      q.query<{ oidc_issuer: string | null; oidc_client_id: string | null }>(
        'select oidc_issuer, oidc_client_id from tenants where id = $1',
        [tenant],
      ),
    );
    const row = rows[0];
    if (!row?.oidc_issuer || !row.oidc_client_id) {
      throw new HttpError(404, 'OIDC_NOT_CONFIGURED', 'this tenant has no OIDC issuer configured');
    }
    return oidc.discovery(
      new URL(row.oidc_issuer),
      row.oidc_client_id,
      undefined,
      oidc.None(),
      options.allowInsecureIssuer ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
  }
  return (tenant: string) => {
    let config = configs.get(tenant);
    if (!config) {
      config = discover(tenant);
      configs.set(tenant, config);
      config.catch(() => configs.delete(tenant)); // an IdP that was down is asked again next time
    }
    return config;
  };
}

async function emailOf(
  config: oidc.Configuration,
  tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
): Promise<{ subject: string; email: string }> {
  const claims = tokens.claims();
  if (!claims) throw new HttpError(502, 'OIDC_NO_ID_TOKEN', 'the IdP returned no ID token');
  let email = typeof claims.email === 'string' ? claims.email : undefined;
  if (!email) {
    // Many IdPs put profile claims only in userinfo for the code flow.
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    email = typeof info.email === 'string' ? info.email : undefined;
  }
  if (!email)
    throw new HttpError(403, 'OIDC_NO_EMAIL', 'the IdP did not release an email address (scope "email")');
  return { subject: claims.sub, email: email.toLowerCase() };
}

export function oidcPlugin(options: OidcOptions = {}): ServerPlugin {
  return {
    name: 'oidc',
    public(scope, ctx) {
      const configFor = configCache(ctx, options);
      const baseUrl = (request: FastifyRequest) =>
        options.publicUrl ?? `https://${request.headers.host ?? 'localhost'}`;
      ctx.openapi.add({
        method: 'get',
        path: '/v1/admin/oidc/:tenant/login',
        summary: 'Start OIDC admin sign-in (302 to the IdP)',
        auth: 'none',
        status: 302,
      });
      ctx.openapi.add({
        method: 'get',
        path: '/v1/admin/oidc/callback',
        summary: 'OIDC redirect target: sets the admin session cookie',
        auth: 'none',
      });

      scope.get('/v1/admin/oidc/:tenant/login', async (request, reply: FastifyReply) => {
        const { tenant } = parseWith(TenantParams, request.params, 'path');
        const config = await configFor(tenant);
        const verifier = oidc.randomPKCECodeVerifier();
        const pending = {
          tenant,
          verifier,
          state: oidc.randomState(),
          nonce: oidc.randomNonce(),
          redirectUri: `${baseUrl(request)}/v1/admin/oidc/callback`,
          expires: ctx.now().getTime() + LOGIN_TTL_MS,
        };
        const url = oidc.buildAuthorizationUrl(config, {
          redirect_uri: pending.redirectUri,
          scope: 'openid email profile',
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state: pending.state,
          nonce: pending.nonce,
        });
        const sealed = ctx.sealer.seal(JSON.stringify(pending), PURPOSE);
        return reply
          .header(
            'set-cookie',
            `${LOGIN_COOKIE}=${sealed}; Path=/v1/admin/oidc; HttpOnly; Secure; SameSite=Lax; Max-Age=600`,
          )
          .redirect(url.href, 302);
      });

      scope.get('/v1/admin/oidc/callback', async (request, reply: FastifyReply) => {
        const sealed = cookie(request, LOGIN_COOKIE);
        let pending: z.infer<typeof PendingLogin> | undefined;
        try {
          pending = sealed ? PendingLogin.parse(JSON.parse(ctx.sealer.open(sealed, PURPOSE))) : undefined;
        } catch {
          pending = undefined;
        }
        if (!pending || pending.expires < ctx.now().getTime()) {
          throw new HttpError(
            400,
            'OIDC_LOGIN_EXPIRED',
            'the sign-in took too long or was not started here: start again',
          );
        }
        const config = await configFor(pending.tenant);
        let tokens;
        try {
          tokens = await oidc.authorizationCodeGrant(config, new URL(request.url, pending.redirectUri), {
            pkceCodeVerifier: pending.verifier,
            expectedState: pending.state,
            expectedNonce: pending.nonce,
            idTokenExpected: true,
          });
        } catch (error) {
          throw new HttpError(
            401,
            'OIDC_FAILED',
            `the IdP's answer was refused: ${(error as Error).message}`,
          );
        }
        const { subject, email } = await emailOf(config, tokens);
        const tenant = pending.tenant;
        const secret = `${tenant}.${randomBytes(32).toString('base64url')}`;
        const expiresAt = new Date(ctx.now().getTime() + SESSION_TTL_MS);
        const admitted = await ctx.db.withTenant(tenant, async (q) => {
          const { rows } = await q.query<{ roles: string[] }>('select roles from users where email = $1', [
            email,
          ]);
          if (!rows[0]?.roles.includes(ADMIN_ROLE)) return false;
          await q.query(
            'insert into admin_sessions (tenant_id, session_sha256, subject, email, expires_at) values ($1, $2, $3, $4, $5)',
            [tenant, sha256Hex(secret), subject, email, expiresAt],
          );
          return true;
        });
        if (!admitted) {
          throw new HttpError(
            403,
            'OIDC_NOT_ADMIN',
            `${email} is not a user of ${tenant} with the role "${ADMIN_ROLE}"`,
          );
        }
        return reply
          .header('set-cookie', [
            `${ADMIN_SESSION_COOKIE}=${secret}; Path=/v1/admin; HttpOnly; Secure; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}`,
            `${LOGIN_COOKIE}=; Path=/v1/admin/oidc; HttpOnly; Secure; Max-Age=0`,
          ])
          .send({ tenant, email, expiresAt: expiresAt.toISOString() });
      });
    },
  };
}
