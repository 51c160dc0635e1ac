import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { openDatabase } from './open-database';
import { testDatabaseTargets } from './test-databases.testkit';

describe.each(testDatabaseTargets)('row-level security on $kind', (target) => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    db = await openDatabase({ databaseUrl: created.databaseUrl });
    await db.withoutTenant(async (q) => {
      for (const id of ['acme', 'globex']) {
        await q.query(`insert into tenants (id, name, ca_cert_pem) values ($1, $1, 'x')`, [id]);
      }
    });
    for (const [tenant, email] of [
      ['acme', 'ann@acme.test'],
      ['acme', 'bob@acme.test'],
      ['globex', 'gil@globex.test'],
    ] as const) {
      await db.withTenant(tenant, (q) =>
        q.query('insert into users (tenant_id, email, name) values ($1, $2, $2)', [tenant, email]),
      );
    }
  });

  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('migrations are recorded once and re-running applies nothing', async () => {
    expect(await db.migrate()).toBe(0);
  });

  it('a query without a tenant WHERE sees only its own tenant', async () => {
    const rows = await db.withTenant(
      'acme',
      async (q) => (await q.query<{ email: string }>('select email from users order by email')).rows,
    );
    expect(rows.map((row) => row.email)).toEqual(['ann@acme.test', 'bob@acme.test']);
    const other = await db.withTenant('globex', async (q) => (await q.query('select * from users')).rows);
    expect(other).toHaveLength(1);
  });

  it('runs as the non-owner app role, which cannot lift the policy', async () => {
    const who = await db.withTenant(
      'acme',
      async (q) => (await q.query<{ u: string }>('select current_user as u')).rows[0]?.u,
    );
    expect(who).toBe('starring_app');
    await expect(
      db.withTenant('acme', (q) => q.query('alter table users disable row level security')),
    ).rejects.toThrow();
    for (const escape of [
      'reset role',
      'set role postgres',
      "select set_config('app.tenant_id', 'globex', true)",
      'RESET ALL',
    ]) {
      await expect(db.withTenant('acme', (q) => q.query(escape))).rejects.toThrow(/leave the tenant scope/);
    }
  });

  it('an update or delete without WHERE touches only its own tenant', async () => {
    const updated = await db.withTenant('acme', (q) => q.query(`update users set department = 'ward 7'`));
    expect(updated.rowCount).toBe(2);
    const globex = await db.withTenant(
      'globex',
      async (q) => (await q.query<{ department: string | null }>('select department from users')).rows,
    );
    expect(globex).toEqual([{ department: null }]);
  });

  it("writing another tenant's row is refused", async () => {
    await expect(
      db.withTenant('acme', (q) =>
        q.query(`insert into users (tenant_id, email, name) values ('globex', 'evil@x.test', 'e')`),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('outside withTenant the tenant tables are empty', async () => {
    const rows = await db.withoutTenant(async (q) => (await q.query('select * from users')).rows);
    expect(rows).toEqual([]);
  });

  it('a failed transaction rolls back and leaves no tenant behind on the connection', async () => {
    await expect(
      db.withTenant('acme', async (q) => {
        await q.query(`insert into users (tenant_id, email, name) values ('acme', 'tmp@acme.test', 't')`);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    const count = await db.withTenant(
      'acme',
      async (q) => (await q.query('select 1 from users where email = $1', ['tmp@acme.test'])).rowCount,
    );
    expect(count).toBe(0);
    expect((await db.withoutTenant((q) => q.query('select * from users'))).rows).toEqual([]);
  });
});
