/**
 * `starring server …`: run the enterprise server (server/) and the operator's offline helpers.
 *
 *   start    listen on HTTPS (PGlite in DIR/pgdata, or DATABASE_URL); first start prints a token once
 *   admin    create-tenant | operator-token | enrollment-code, straight on the database — with PGlite
 *            only while the server is stopped (PGlite is single-process); with DATABASE_URL any time
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TenantSlug } from '../../common/sync/server-api';
import { createOperatorToken } from '../../server/src/admin/operator';
import { issueEnrollmentCode } from '../../server/src/admin/enrollment-codes';
import { openServerStore, startServer } from '../../server/src/app';
import { createTenant } from '../../server/src/tenants/tenant.service';
import type { CommandGroup, CommandIo } from './command';

const USAGE = [
  'starring server start [--port 8443] [--data DIR] [--host 127.0.0.1] [--hostname NAME]... [--tls-cert PEM --tls-key PEM [--tls-ca PEM]]',
  'starring server admin create-tenant --data DIR --id SLUG --name NAME [--oidc-issuer URL --oidc-client-id ID]',
  'starring server admin operator-token --data DIR [--label TEXT]',
  'starring server admin enrollment-code --data DIR --tenant SLUG [--ttl-hours 72]',
  '(DATABASE_URL selects PostgreSQL; STARRING_SERVER_MASTER_KEY overrides DIR/server-master.key)',
];

function usageError(io: CommandIo, message: string): number {
  io.err(`starring server: ${message}`);
  io.err(`Usage:\n  ${USAGE.join('\n  ')}`);
  return 2;
}

async function operatorTls(values: { 'tls-cert'?: string; 'tls-key'?: string; 'tls-ca'?: string }) {
  if (!values['tls-cert'] && !values['tls-key']) return undefined;
  if (!values['tls-cert'] || !values['tls-key']) throw new Error('--tls-cert and --tls-key go together');
  const certPem = await readFile(values['tls-cert'], 'utf8');
  return {
    certPem,
    keyPem: await readFile(values['tls-key'], 'utf8'),
    // Without --tls-ca, devices are told to pin the certificate itself.
    caCertPem: values['tls-ca'] ? await readFile(values['tls-ca'], 'utf8') : certPem,
  };
}

async function runStart(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '8443' },
      data: { type: 'string', default: './server-data' },
      host: { type: 'string', default: '127.0.0.1' },
      hostname: { type: 'string', multiple: true },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-ca': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return usageError(io, '--port must be 0–65535');
  const dataDir = resolve(values.data);
  const tls = await operatorTls(values);
  const server = await startServer({
    dataDir,
    databaseUrl: io.env.DATABASE_URL,
    env: io.env,
    host: values.host,
    port,
    ...(tls ? { tls } : {}),
    ...(values.hostname ? { hostnames: ['localhost', '127.0.0.1', ...values.hostname] } : {}),
    logger: io.env.STARRING_SERVER_LOG === '1',
  });
  // The CA devices pin (managed configuration ServerCaCertificate), next to the data for IT to copy.
  const caPath = join(dataDir, 'server-ca.pem');
  await writeFile(caPath, server.tls.caCertPem);
  io.out(`StarRing server ${server.ctx.version} on ${server.url} (${server.ctx.db.kind}; data ${dataDir})`);
  io.out(`server CA for devices: ${caPath}`);
  if (server.bootstrapToken) {
    io.out('');
    io.out('First start: the operator (super-admin) API token, shown only this once:');
    io.out(`  ${server.bootstrapToken}`);
    io.out('Use it as "Authorization: Bearer <token>" on /v1/admin/*, e.g. POST /v1/admin/tenants.');
    io.out('');
  }
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  io.out('stopping…');
  await server.close();
  return 0;
}

async function runAdmin(args: string[], io: CommandIo): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string', default: './server-data' },
      id: { type: 'string' },
      name: { type: 'string' },
      tenant: { type: 'string' },
      label: { type: 'string' },
      'ttl-hours': { type: 'string', default: '72' },
      'oidc-issuer': { type: 'string' },
      'oidc-client-id': { type: 'string' },
    },
  });
  if (action !== 'create-tenant' && action !== 'operator-token' && action !== 'enrollment-code') {
    return usageError(io, `unknown admin action "${action ?? ''}"`);
  }
  const { db, sealer } = await openServerStore({
    dataDir: resolve(values.data),
    databaseUrl: io.env.DATABASE_URL,
    env: io.env,
  });
  try {
    if (action === 'create-tenant') {
      const id = TenantSlug.safeParse(values.id);
      if (!id.success || !values.name) return usageError(io, '--id (lowercase slug) and --name are required');
      const { adminToken } = await createTenant(db, sealer, {
        id: id.data,
        name: values.name,
        oidcIssuer: values['oidc-issuer'],
        oidcClientId: values['oidc-client-id'],
      });
      io.out(`tenant ${id.data} created; its admin API token (shown once):`);
      io.out(`  ${adminToken}`);
    } else if (action === 'operator-token') {
      io.out(await createOperatorToken(db, values.label ?? 'cli'));
    } else {
      const tenant = TenantSlug.safeParse(values.tenant);
      const hours = Number(values['ttl-hours']);
      if (!tenant.success) return usageError(io, '--tenant is required');
      if (!Number.isInteger(hours) || hours < 1 || hours > 720)
        return usageError(io, '--ttl-hours must be 1–720');
      const { code, expiresAt } = await issueEnrollmentCode(db, tenant.data, {
        ttlHours: hours,
        label: values.label ?? 'cli',
        now: new Date(),
      });
      io.out(`${code}  (tenant ${tenant.data}, valid until ${expiresAt.toISOString()})`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

export const serverCommand: CommandGroup = {
  name: 'server',
  summary: 'Run the enterprise server (tenants, device enrollment, mTLS, admin API).',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'start') return runStart(rest, io);
    if (sub === 'admin') return runAdmin(rest, io);
    return usageError(io, sub ? `unknown subcommand "${sub}"` : 'a subcommand is required');
  },
};
