/** Starts harness-child.testkit.ts in a child process and waits for its URL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'harness-child.testkit.ts');

export interface ChildHarness {
  child: ChildProcess;
  url: string;
}

export async function spawnHarness(options: {
  dataDir?: string;
  tenant: string;
  devices: Array<{ device: string; publicKeyPem: string }>;
  devicesFile: string;
  databaseUrl?: string;
}): Promise<ChildHarness> {
  await writeFile(options.devicesFile, JSON.stringify(options.devices));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CHILD,
      options.dataDir ?? '-',
      options.tenant,
      options.devicesFile,
      ...(options.databaseUrl ? [options.databaseUrl] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the harness child exited with ${code}`)));
  });
  return { child, url };
}
