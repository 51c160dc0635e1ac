import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerErrorReply } from '../../../common/sync/server-api';
import { type BuiltServer, buildServer } from '../app';
import { testDatabaseTargets } from '../db/test-databases.testkit';

describe.each(testDatabaseTargets)('admin API on $kind', (target) => {
  let server: BuiltServer;
  let drop: () => Promise<void>;
  let operator: string;
  let acmeAdmin: string;

  async function call(method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) {
    const res = await server.app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  }
  const code = (body: unknown) => ServerErrorReply.parse(body).error.code;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    server = await buildServer({ databaseUrl: created.databaseUrl, plugins: [] });
    operator = server.bootstrapToken!;
    acmeAdmin = (await call('POST', '/v1/admin/tenants', operator, { id: 'acme', name: 'Acme' })).body
      .adminToken as string;
  });

  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('refuses calls without, or with a bad, admin token', async () => {
    expect(code((await call('GET', '/v1/admin/tenants')).body)).toBe('ADMIN_AUTH_REQUIRED');
    const bad = await call('GET', '/v1/admin/tenants', `sro_${'A'.repeat(43)}`);
    expect([bad.status, code(bad.body)]).toEqual([401, 'ADMIN_AUTH_INVALID']);
    const forgedTenant = await call(
      'GET',
      '/v1/admin/tenants',
      acmeAdmin.replace('sra_acme_', 'sra_globex_'),
    );
    expect(forgedTenant.status).toBe(401);
  });

  it('only the operator creates tenants; duplicates are refused', async () => {
    const byTenant = await call('POST', '/v1/admin/tenants', acmeAdmin, { id: 'evil', name: 'Evil' });
    expect([byTenant.status, code(byTenant.body)]).toEqual([403, 'ADMIN_OPERATOR_ONLY']);
    const dup = await call('POST', '/v1/admin/tenants', operator, { id: 'acme', name: 'Again' });
    expect([dup.status, code(dup.body)]).toEqual([409, 'TENANT_EXISTS']);
    const listed = await call('GET', '/v1/admin/tenants', acmeAdmin);
    expect((listed.body.tenants as { id: string }[]).map((t) => t.id)).toEqual(['acme']);
  });

  it('validates bodies with zod and names the field', async () => {
    const bad = await call('POST', '/v1/admin/tenants', operator, { id: 'Bad Id!', name: 'x' });
    expect([bad.status, code(bad.body)]).toEqual([400, 'VALIDATION']);
    expect(ServerErrorReply.parse(bad.body).error.message).toMatch(/^body\.id/);
    const extra = await call('POST', '/v1/admin/tenants/acme/users', acmeAdmin, {
      email: 'a@b.test',
      name: 'A',
      admin: true,
    });
    expect(code(extra.body)).toBe('VALIDATION');
  });

  it('creates and lists users with roles', async () => {
    const made = await call('POST', '/v1/admin/tenants/acme/users', acmeAdmin, {
      email: 'Nurse@Acme.test',
      name: 'Nurse Joy',
      roles: ['clinician', 'reviewer'],
      department: 'ward-7',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      email: 'nurse@acme.test',
      roles: ['clinician', 'reviewer'],
      department: 'ward-7',
    });
    const dup = await call('POST', '/v1/admin/tenants/acme/users', acmeAdmin, {
      email: 'nurse@acme.test',
      name: 'Again',
    });
    expect(code(dup.body)).toBe('USER_EXISTS');
    const list = await call('GET', '/v1/admin/tenants/acme/users', operator);
    expect((list.body.users as { email: string }[]).map((u) => u.email)).toEqual(['nurse@acme.test']);
  });

  it('issues enrollment codes and further admin tokens once', async () => {
    const issued = await call('POST', '/v1/admin/tenants/acme/enrollment-codes', acmeAdmin, { ttlHours: 1 });
    expect(issued.body.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const token = await call('POST', '/v1/admin/tenants/acme/admin-tokens', acmeAdmin, {
      label: 'automation',
    });
    const list = await call('GET', '/v1/admin/tenants/acme/devices', token.body.token as string);
    expect([list.status, list.body]).toEqual([200, { devices: [] }]);
  });

  it('limits body size and answers every error as ServerErrorReply', async () => {
    const huge = await server.app.inject({
      method: 'POST',
      url: '/v1/admin/tenants/acme/users',
      headers: { authorization: `Bearer ${acmeAdmin}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'x@y.test', name: 'x'.repeat(100_000) }),
    });
    expect([huge.statusCode, code(huge.json())]).toEqual([413, 'BODY_TOO_LARGE']);
    const notJson = await server.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(ServerErrorReply.safeParse(notJson.json()).success).toBe(true);
    const missing = await server.app.inject({ method: 'GET', url: '/v1/nothing' });
    expect([missing.statusCode, code(missing.json())]).toEqual([404, 'NOT_FOUND']);
  });

  it('serves an OpenAPI document built from the zod schemas', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/v1/enroll',
        '/v1/admin/tenants',
        '/v1/admin/tenants/{tenant}/devices/{device}/revoke',
      ]),
    );
    expect(doc.paths['/v1/enroll']?.post?.requestBody).toBeDefined();
  });
});
