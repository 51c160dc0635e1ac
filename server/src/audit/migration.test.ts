import { describe, expect, it } from 'vitest';
import { openTestDatabase } from './server-db.testkit';

describe('migration 002', () => {
  it('isolates every audit table by tenant', async () => {
    const db = await openTestDatabase(['st-mary', 'st-john']);
    try {
      await db.withTenant('st-mary', (q) =>
        q.query(
          `insert into audit_alerts (tenant_id, device_id, kind, code, reason) values ('st-mary', $1, 'gap', 'AUDIT_GAP', 'x')`,
          ['a'.repeat(32)],
        ),
      );
      const other = await db.withTenant('st-john', (q) => q.query('select * from audit_alerts'));
      expect(other.rows).toEqual([]);
      await expect(
        db.withTenant('st-john', (q) =>
          q.query(
            `insert into audit_alerts (tenant_id, device_id, kind, code, reason) values ('st-mary', $1, 'gap', 'AUDIT_GAP', 'x')`,
            ['a'.repeat(32)],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
      const tables = await db.withoutTenant((q) =>
        q.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
          `select relname, relrowsecurity, relforcerowsecurity from pg_class where relname = any($1)`,
          [
            [
              'audit_heads',
              'audit_entries',
              'audit_checkpoints',
              'audit_receipts',
              'audit_alerts',
              'policy_bundles',
              'webhook_subscriptions',
              'webhook_deliveries',
            ],
          ],
        ),
      );
      expect(tables.rows).toHaveLength(8);
      for (const row of tables.rows)
        expect([row.relname, row.relrowsecurity, row.relforcerowsecurity]).toEqual([row.relname, true, true]);
    } finally {
      await db.close();
    }
  });
});
