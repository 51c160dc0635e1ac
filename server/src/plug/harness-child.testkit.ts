/**
 * Runs the ingestion harness in a child process, so fault tests can SIGKILL a real server mid-batch
 * and the benchmark can measure the server's own memory. Prints `READY <url>` once listening.
 *
 *   node --import tsx harness-child.testkit.ts <dataDir|-> <tenant> <devices.json> [databaseUrl]
 *
 * devices.json: [{ "device": "<32 hex>", "publicKeyPem": "…" }, …] — enrolled before READY.
 */
import { readFile } from 'node:fs/promises';
import { startHarness } from './ingestion-harness.testkit';

const [dataDir, tenant, devicesFile, databaseUrl] = process.argv.slice(2);
if (!dataDir || !tenant || !devicesFile)
  throw new Error('usage: harness-child <dataDir|-> <tenant> <devices.json> [databaseUrl]');
const devices = JSON.parse(await readFile(devicesFile, 'utf8')) as Array<{
  device: string;
  publicKeyPem: string;
}>;
const harness = await startHarness({
  tenants: [tenant],
  ...(dataDir === '-' ? {} : { pgliteDir: dataDir }),
  ...(databaseUrl ? { databaseUrl } : {}),
});
await harness.db.withTenant(tenant, (q) =>
  q.query(
    `insert into devices (tenant_id, id, name, platform, app_version, cert_serial, cert_pem, audit_public_key_pem)
     select $1, d, 'simulated', 'linux', '0.1.0', d, 'none', k from unnest($2::text[], $3::text[]) as t(d, k)
     on conflict do nothing`,
    [tenant, devices.map((d) => d.device), devices.map((d) => d.publicKeyPem)],
  ),
);
process.stdout.write(`READY ${harness.url}\n`);
