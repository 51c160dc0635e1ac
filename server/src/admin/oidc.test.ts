import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerErrorReply } from '../../../common/sync/server-api';
import { type BuiltServer, buildServer } from '../app';

const PUBLIC_URL = 'https://starring.test';
const CLIENT_ID = 'starring-admin';

/** Which account the IdP signs in next (the test's stand-in for a person at the login page). */
let nextAccount = 'alice';
const EMAILS: Record<string, string> = { alice: 'Alice@Acme.test', mallory: 'mallory@acme.test' };

/** A real OIDC provider on loopback; its interaction page signs `nextAccount` in and consents. */
async function startIdp(): Promise<{ issuer: string; close(): Promise<void> }> {
  // Made after the port is known (the issuer URL holds it); the handler reads it through this box.
  const box: { provider?: Provider } = {};
  const http: Server = createServer((req, res) => {
    const provider = box.provider;
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        const details = await provider.interactionDetails(req, res);
        const grant = new provider.Grant({
          accountId: nextAccount,
          clientId: String(details.params.client_id),
        });
        grant.addOIDCScope('openid email profile');
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: nextAccount }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      })().catch((error: unknown) => res.writeHead(500).end(String(error)));
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  box.provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${PUBLIC_URL}/v1/admin/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    cookies: { keys: ['starring-test-cookie-key'] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, email: EMAILS[sub], email_verified: true }),
    }),
  });
  return { issuer, close: () => new Promise((done) => http.close(() => done())) };
}

/** Follows the IdP's redirects with its cookies until it sends the browser back to us. */
async function signInAtIdp(authorizationUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.startsWith(PUBLIC_URL)) return url;
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!, value.join('='));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`IdP stopped at ${url} with ${res.status}: ${await res.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}

describe('OIDC admin sign-in against a real oidc-provider', () => {
  let idp: Awaited<ReturnType<typeof startIdp>>;
  let server: BuiltServer;

  beforeAll(async () => {
    idp = await startIdp();
    server = await buildServer({ plugins: [], oidc: { publicUrl: PUBLIC_URL, allowInsecureIssuer: true } });
    const operator = { authorization: `Bearer ${server.bootstrapToken!}` };
    const made = await server.app.inject({
      method: 'POST',
      url: '/v1/admin/tenants',
      headers: operator,
      payload: { id: 'acme', name: 'Acme', oidcIssuer: idp.issuer, oidcClientId: CLIENT_ID },
    });
    expect(made.statusCode).toBe(201);
    for (const [email, roles] of [
      ['alice@acme.test', ['admin']],
      ['mallory@acme.test', ['clinician']],
    ] as const) {
      await server.app.inject({
        method: 'POST',
        url: '/v1/admin/tenants/acme/users',
        headers: operator,
        payload: { email, name: email, roles },
      });
    }
  });

  afterAll(async () => {
    await server?.close();
    await idp?.close();
  });

  async function signIn(account: string) {
    nextAccount = account;
    const start = await server.app.inject({ method: 'GET', url: '/v1/admin/oidc/acme/login' });
    expect(start.statusCode).toBe(302);
    const authUrl = new URL(start.headers.location as string);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const loginCookie = String(start.headers['set-cookie']).split(';')[0]!;
    const back = new URL(await signInAtIdp(authUrl.href));
    return server.app.inject({
      method: 'GET',
      url: back.pathname + back.search,
      headers: { cookie: loginCookie },
    });
  }

  it('signs an admin in with code + PKCE and the session opens the admin API', async () => {
    const callback = await signIn('alice');
    expect(callback.statusCode).toBe(200);
    expect(callback.json()).toMatchObject({ tenant: 'acme', email: 'alice@acme.test' });
    const cookies = callback.headers['set-cookie'] as string[];
    const session = cookies.find((c) => c.startsWith('starring_admin_session='))!.split(';')[0]!;
    const devices = await server.app.inject({
      method: 'GET',
      url: '/v1/admin/tenants/acme/devices',
      headers: { cookie: session },
    });
    expect([devices.statusCode, devices.json()]).toEqual([200, { devices: [] }]);
    const create = await server.app.inject({
      method: 'POST',
      url: '/v1/admin/tenants',
      headers: { cookie: session },
      payload: { id: 'x1', name: 'x' },
    });
    expect(ServerErrorReply.parse(create.json()).error.code).toBe('ADMIN_OPERATOR_ONLY');
  });

  it('refuses a signed-in user without the admin role, and a callback without the login cookie', async () => {
    const callback = await signIn('mallory');
    expect([callback.statusCode, ServerErrorReply.parse(callback.json()).error.code]).toEqual([
      403,
      'OIDC_NOT_ADMIN',
    ]);
    const stray = await server.app.inject({ method: 'GET', url: '/v1/admin/oidc/callback?code=x&state=y' });
    expect(ServerErrorReply.parse(stray.json()).error.code).toBe('OIDC_LOGIN_EXPIRED');
    const forged = await server.app.inject({
      method: 'GET',
      url: '/v1/admin/tenants/acme/devices',
      headers: { cookie: `starring_admin_session=acme.${'A'.repeat(43)}` },
    });
    expect(ServerErrorReply.parse(forged.json()).error.code).toBe('ADMIN_SESSION_INVALID');
  });
});
