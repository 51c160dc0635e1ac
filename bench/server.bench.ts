/**
 * Enterprise server benchmarks, run by bench/run.ts (`npm run bench -- server`). Load stays on
 * loopback and is bounded in count and time. The server runs in a child process (the ingestion
 * harness: the real routes, database and checks, with header-based device auth instead of mTLS),
 * so its memory is its own and the load generator does not share its event loop.
 *
 * server.ingest_per_s_pglite — entries/s accepted over HTTP, batches of 500 with full chain, hash
 *   and checkpoint verification, 8 devices sending at once, embedded PGlite.
 * server.ingest_per_s_postgres — the same on PostgreSQL; only when STARRING_BENCH_DATABASE_URL (or
 *   DATABASE_URL) names a database we may write to; omitted otherwise.
 * server.drain_2000_devices_s — seconds for DEVICES simulated devices (env STARRING_BENCH_DRAIN_DEVICES,
 *   default 2000) each with ENTRIES queued entries (STARRING_BENCH_DRAIN_ENTRIES, default 1000) to
 *   drain after an outage, 32 devices syncing at a time, PGlite. With other counts the figure is
 *   still written under this name and the counts are printed (and recorded as
 *   server.drain_devices / server.drain_entries_per_device).
 * server.api_p95_ms_during_drain — p95 latency of a probe (GET policy with its ETag, GET audit head)
 *   every 50 ms during the drain.
 * server.rss_mb — the server process's peak resident set (VmHWM) after the drain (PGlite on disk
 *   in the temp folder, as a real server keeps it, so the figure is the server and not the data).
 * server.policy_pull_p95_ms — p95 latency of GET /v1/device/policy with If-None-Match (304) from
 *   10,000 distinct devices, 64 in flight.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_ROUTES, type AuditBatchRequest } from '../common/sync/server-api';
import { createSimulatedDevice, type SimulatedDevice } from '../server/src/audit/device-chain.testkit';
import { createEphemeralIdentity, type DeviceIdentity } from '../main/core/audit/device-identity';
import { spawnHarness, type ChildHarness } from '../server/src/plug/spawn-harness.testkit';

const TENANT = 'bench';
const BATCH = 500;

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
}

/** Sends one batch; on 503 SERVER_BUSY waits Retry-After and resends, as the sync client backs off. */
async function sendBatch(url: string, device: string, batch: AuditBatchRequest): Promise<number> {
  const body = JSON.stringify(batch);
  for (let shed = 0; ; shed += 1) {
    const res = await fetch(`${url}${SERVER_ROUTES.auditBatches}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-device': `${TENANT}/${device}` },
      body,
    });
    const text = await res.text();
    if (res.status === 200) return shed;
    if (res.status !== 503) throw new Error(`batch refused: ${res.status} ${text.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
  }
}

/** Sends a device's whole backlog in batches of 500, then drops its entries. */
let shedTotal = 0;

async function drainDevice(url: string, device: SimulatedDevice): Promise<void> {
  for (let from = 1; from <= device.entries.length; from += BATCH)
    shedTotal += await sendBatch(
      url,
      device.identity.deviceId,
      device.batch(from, Math.min(device.entries.length, from + BATCH - 1)),
    );
  device.entries.length = 0;
}

async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function stop(harness: ChildHarness): Promise<void> {
  if (harness.child.exitCode !== null) return;
  const exited = new Promise((resolve) => harness.child.once('exit', resolve));
  harness.child.kill('SIGTERM');
  await exited;
}

async function ingestRate(dir: string, label: string, databaseUrl?: string): Promise<number> {
  const identities = Array.from({ length: 8 }, () => createEphemeralIdentity());
  const harness = await spawnHarness({
    tenant: TENANT,
    devices: identities.map((i) => ({ device: i.deviceId, publicKeyPem: i.publicKeyPem })),
    devicesFile: join(dir, `${label}-devices.json`),
    // On disk, as a server runs: an in-memory PGlite would count the whole database as server RSS.
    ...(databaseUrl ? {} : { dataDir: join(dir, `${label}-pgdata`) }),
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  try {
    const devices = identities.map((identity) => {
      const device = createSimulatedDevice(TENANT, identity);
      device.append(5_000, Date.now() - 3_600_000);
      return device;
    });
    const total = devices.reduce((n, d) => n + d.entries.length, 0);
    const started = performance.now();
    await Promise.all(devices.map((d) => drainDevice(harness.url, d)));
    return total / ((performance.now() - started) / 1000);
  } finally {
    await stop(harness);
  }
}

export default async function serverBench(log: (message: string) => void): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const dir = await mkdtemp(join(tmpdir(), 'starring-server-bench-'));
  try {
    figures['server.ingest_per_s_pglite'] = await ingestRate(dir, 'pglite');
    const pgUrl = process.env.STARRING_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
    if (pgUrl) figures['server.ingest_per_s_postgres'] = await ingestRate(dir, 'postgres', pgUrl);
    else
      log(
        'server.ingest_per_s_postgres omitted: set STARRING_BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL the bench may write to',
      );

    const deviceCount = envInt('STARRING_BENCH_DRAIN_DEVICES', 2_000);
    const perDevice = envInt('STARRING_BENCH_DRAIN_ENTRIES', 1_000);
    const pollers = envInt('STARRING_BENCH_POLL_DEVICES', 10_000);
    const identities: DeviceIdentity[] = Array.from({ length: Math.max(deviceCount, pollers) }, () =>
      createEphemeralIdentity(),
    );
    const harness = await spawnHarness({
      tenant: TENANT,
      devices: identities.map((i) => ({ device: i.deviceId, publicKeyPem: i.publicKeyPem })),
      devicesFile: join(dir, 'drain-devices.json'),
      dataDir: join(dir, 'drain-pgdata'),
    });
    try {
      // A policy, so the probes and pollers get real ETag hits.
      const published = await fetch(`${harness.url}/v1/admin/tenants/${TENANT}/policy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test-admin': TENANT },
        body: JSON.stringify({
          policies: 'permit(principal, action, resource);',
          settings: {
            modelAllowlist: [],
            exportFormats: {},
            idleLockMinutes: 10,
            retentionDays: 365,
            auditSyncIntervalMinutes: 15,
            deidentifyBeforeOnPrem: true,
          },
        }),
      });
      if (published.status !== 201) throw new Error(`publish failed: ${published.status}`);
      const probeDevice = identities[0]!.deviceId;
      const first = await fetch(`${harness.url}${SERVER_ROUTES.policy}`, {
        headers: { 'x-test-device': `${TENANT}/${probeDevice}` },
      });
      const etag = first.headers.get('etag') ?? '';
      await first.arrayBuffer();

      log(`drain: ${deviceCount} devices × ${perDevice} entries, 32 at a time`);
      const latencies: number[] = [];
      const byPath = new Map<string, number[]>();
      let draining = true;
      const probe = (async () => {
        for (let i = 0; draining; i += 1) {
          const t = performance.now();
          const path = i % 2 === 0 ? SERVER_ROUTES.policy : SERVER_ROUTES.auditHead;
          const res = await fetch(`${harness.url}${path}`, {
            headers: { 'x-test-device': `${TENANT}/${probeDevice}`, 'if-none-match': etag },
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          byPath.set(path, [...(byPath.get(path) ?? []), performance.now() - t]);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const started = performance.now();
      let done = 0;
      await pool(identities.slice(0, deviceCount), 32, async (identity) => {
        // Generated when its turn comes: 2,000,000 entries held at once would need gigabytes.
        const device = createSimulatedDevice(TENANT, identity);
        device.append(perDevice, Date.now() - 86_400_000);
        await drainDevice(harness.url, device);
        done += 1;
        if (done % 250 === 0)
          log(
            `  ${done}/${deviceCount} devices drained (${((performance.now() - started) / 1000).toFixed(0)} s)`,
          );
      });
      figures['server.drain_2000_devices_s'] = (performance.now() - started) / 1000;
      draining = false;
      await probe;
      figures['server.api_p95_ms_during_drain'] = p95(latencies);
      log(`  ${shedTotal} batch attempts were shed with 503 SERVER_BUSY and resent after Retry-After`);
      for (const [path, samples] of byPath)
        log(`  p95 ${path}: ${p95(samples).toFixed(0)} ms over ${samples.length} probes`);
      if (deviceCount !== 2_000 || perDevice !== 1_000) {
        figures['server.drain_devices'] = deviceCount;
        figures['server.drain_entries_per_device'] = perDevice;
        log(`note: drain measured with ${deviceCount} devices × ${perDevice} entries, not 2,000 × 1,000`);
      }
      const status = await readFile(`/proc/${harness.child.pid}/status`, 'utf8').catch(() => '');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) figures['server.rss_mb'] = Number(hwm[1]) / 1024;
      else log('server.rss_mb omitted: /proc is not available on this system');

      log(`policy pull: ${pollers} devices, If-None-Match, 64 in flight`);
      const pulls: number[] = [];
      let notModified = 0;
      await pool(identities.slice(0, pollers), 64, async (identity) => {
        const t = performance.now();
        const res = await fetch(`${harness.url}${SERVER_ROUTES.policy}`, {
          headers: { 'x-test-device': `${TENANT}/${identity.deviceId}`, 'if-none-match': etag },
        });
        await res.arrayBuffer();
        pulls.push(performance.now() - t);
        if (res.status === 304) notModified += 1;
      });
      if (notModified !== pollers) throw new Error(`only ${notModified} of ${pollers} pulls were ETag hits`);
      figures['server.policy_pull_p95_ms'] = p95(pulls);
    } finally {
      await stop(harness);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
