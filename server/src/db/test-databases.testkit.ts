/**
 * The databases the server's tests run against: PGlite (in memory) always, and a real PostgreSQL
 * when STARRING_TEST_DATABASE_URL is set (CI sets it). Each PostgreSQL run gets a fresh database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseKind } from './database';

export interface TestDatabaseTarget {
  kind: DatabaseKind;
  /** Options for openDatabase / buildServer: nothing for PGlite, a fresh database URL for pg. */
  create(): Promise<{ databaseUrl?: string; drop(): Promise<void> }>;
}

const adminUrl = process.env.STARRING_TEST_DATABASE_URL;

export const testDatabaseTargets: TestDatabaseTarget[] = [
  { kind: 'pglite', create: async () => ({ drop: async () => undefined }) },
  ...(adminUrl
    ? [
        {
          kind: 'postgres' as const,
          async create() {
            const name = `starring_test_${randomBytes(6).toString('hex')}`;
            const admin = new pg.Client({ connectionString: adminUrl });
            await admin.connect();
            await admin.query(`create database ${name}`);
            await admin.end();
            const url = new URL(adminUrl);
            url.pathname = `/${name}`;
            return {
              databaseUrl: url.toString(),
              async drop() {
                const client = new pg.Client({ connectionString: adminUrl });
                await client.connect();
                await client.query(`drop database if exists ${name} with (force)`);
                await client.end();
              },
            };
          },
        },
      ]
    : []),
];

if (!adminUrl) {
  console.info(
    'server tests: STARRING_TEST_DATABASE_URL is not set, so PostgreSQL variants are skipped (PGlite only)',
  );
}
