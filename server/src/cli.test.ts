import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverCommand } from '../../main/cli/server.command';
import { buildServer } from './app';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} } };
}

describe('starring server admin (offline helpers on a PGlite data folder)', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates a tenant and an enrollment code, and the server then starts on that folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'starring-server-cli-'));
    const tenant = io();
    expect(
      await serverCommand.run(
        ['admin', 'create-tenant', '--data', dir, '--id', 'acme', '--name', 'Acme'],
        tenant.io,
      ),
    ).toBe(0);
    expect(tenant.out.join('\n')).toMatch(/sra_acme_/);
    const code = io();
    expect(
      await serverCommand.run(
        ['admin', 'enrollment-code', '--data', dir, '--tenant', 'acme', '--ttl-hours', '2'],
        code.io,
      ),
    ).toBe(0);
    expect(code.out[0]).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3} /);
    expect((await readdir(dir)).sort()).toEqual(['pgdata', 'server-master.key']);
    expect((await stat(join(dir, 'server-master.key'))).mode & 0o777).toBe(0o600);
    const bad = io();
    expect(await serverCommand.run(['admin', 'create-tenant', '--data', dir, '--id', 'Bad!'], bad.io)).toBe(
      2,
    );

    const server = await buildServer({ dataDir: dir, plugins: [] });
    try {
      const token = tenant.out.join('\n').match(/sra_acme_\S+/)![0];
      const res = await server.app.inject({
        method: 'GET',
        url: '/v1/admin/tenants',
        headers: { authorization: `Bearer ${token}` },
      });
      expect((res.json() as { tenants: { id: string }[] }).tenants.map((t) => t.id)).toEqual(['acme']);
      expect(server.bootstrapToken).toMatch(/^sro_/); // no operator token existed yet
    } finally {
      await server.close();
    }
  });
});

describe('the PGlite data folder lock', () => {
  it('refuses a second opener while the first holds it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starring-lock-'));
    try {
      const { lockDataDir } = await import('./db/data-dir-lock');
      const release = await lockDataDir(join(dir, 'pgdata'));
      await expect(lockDataDir(join(dir, 'pgdata'))).rejects.toThrow(/in use by process/);
      await release();
      const again = await lockDataDir(join(dir, 'pgdata'));
      await again();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
