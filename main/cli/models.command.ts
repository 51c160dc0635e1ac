/**
 * `starring models …` for IT: list the packs a machine has, verify one (exit code non-zero naming
 * the bad file), and write the manifest for a model folder downloaded elsewhere.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../common/errors';
import { ModelTask, PackRuntime, packBytes } from '../../common/models/pack-manifest';
import { repoRoot } from '../core/app/app-version';
import { packFolder } from '../core/models/packs/pack-builder';
import { discoverPacks } from '../core/models/packs/pack-discovery';
import { packHash } from '../core/models/packs/pack-signature';
import { verifyPack } from '../core/models/packs/pack-verifier';
import type { CommandGroup, CommandIo } from './command';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Prints a progress line at every 10% step (a terminal log, not a redrawn bar: works in CI logs too). */
function progressPrinter(io: CommandIo, label: string): (done: number, total: number, file: string) => void {
  let lastStep = -1;
  return (done, total, file) => {
    const step = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (step === lastStep) return;
    lastStep = step;
    io.err(`${label}: ${step * 10}%${file ? ` (${file})` : ''}`);
  };
}

async function list(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { dir: { type: 'string', multiple: true }, verify: { type: 'boolean' } },
  });
  const dirs = values.dir?.length
    ? values.dir.map((d) => resolve(d))
    : [join(repoRoot, 'models'), join(repoRoot, 'models', 'generated')];
  const packs = await discoverPacks(dirs.map((dir) => ({ dir, origin: 'app' as const })));
  if (packs.length === 0) {
    io.out(`No model packs in ${dirs.join(', ')}.`);
    return 0;
  }
  let failures = 0;
  for (const pack of packs) {
    let status = pack.problem ? `PROBLEM: ${pack.problem}` : 'present';
    if (values.verify && pack.manifest && !pack.problem) {
      try {
        await verifyPack(pack.dir, { allowlist: null });
        status = 'verified';
      } catch (error) {
        status = `FAILED: ${(error as Error).message}`;
      }
    }
    if (status.startsWith('PROBLEM') || status.startsWith('FAILED')) failures += 1;
    if (!pack.manifest) {
      io.out(`${pack.dir}\n    ${status}`);
      continue;
    }
    const m = pack.manifest;
    io.out(`${m.id.padEnd(24)} ${m.name}`);
    io.out(`    tasks ${m.tasks.join(', ')} · ${size(packBytes(m))} · ${m.license} · ${pack.dir}`);
    io.out(`    pack hash ${pack.packHash} · ${status}`);
  }
  return failures === 0 ? 0 : 1;
}

async function verify(args: string[], io: CommandIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const dir = positionals[0];
  if (!dir) {
    io.err('usage: starring models verify DIR');
    return 2;
  }
  const print = progressPrinter(io, `verifying ${dir}`);
  try {
    const pack = await verifyPack(resolve(dir), {
      allowlist: null,
      onProgress: ({ done, total, file }) => print(done, total, file),
    });
    io.out(
      `ok  ${pack.manifest.id}: ${pack.manifest.files.length} files, ${size(pack.totalBytes)}, every sha256 matches ` +
        `(pack hash ${pack.packHash}, signature ${pack.signature})`,
    );
    return 0;
  } catch (error) {
    io.err(`FAIL ${(error as Error).message}`);
    const file = error instanceof AppError ? error.details?.file : undefined;
    if (file) io.err(`     bad file: ${String(file)}`);
    return 1;
  }
}

async function pack(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      tasks: { type: 'string' },
      license: { type: 'string' },
      source: { type: 'string' },
      dtype: { type: 'string' },
    },
  });
  const dir = positionals[0];
  if (!dir) {
    io.err('usage: starring models pack DIR [--id ID --name N --tasks a,b --license L --source S --dtype D]');
    return 2;
  }
  const tasks = values.tasks?.split(',').map((t) => t.trim());
  const badTask = tasks?.find((t) => !ModelTask.safeParse(t).success);
  if (badTask) {
    io.err(`unknown task "${badTask}"; one of: ${ModelTask.options.join(', ')}`);
    return 2;
  }
  const dtypeParse = PackRuntime.shape.dtype.safeParse(values.dtype);
  if (values.dtype && !dtypeParse.success) {
    io.err(`unknown dtype "${values.dtype}"`);
    return 2;
  }
  const dtype = values.dtype ? dtypeParse.data : undefined;
  const print = progressPrinter(io, `hashing ${dir}`);
  const manifest = await packFolder(resolve(dir), {
    ...(values.id ? { id: values.id } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(tasks ? { tasks: tasks as ModelTask[] } : {}),
    ...(values.license ? { license: values.license } : {}),
    ...(values.source ? { source: values.source } : {}),
    ...(dtype ? { dtype } : {}),
    onProgress: print,
  });
  io.out(
    `wrote ${join(dir, 'starring-model.json')}: ${manifest.id} (${manifest.tasks.join(', ')}), ${manifest.files.length} files, ${size(packBytes(manifest))}`,
  );
  const hash = packHash(manifest);
  io.out(`pack hash ${hash}`);
  io.out(`policy allowlist entry: ${JSON.stringify({ id: manifest.id, sha256: hash })}`);
  return 0;
}

/** `starring models list | verify | pack`. */
export const modelsCommand: CommandGroup = {
  name: 'models',
  summary: 'List, verify and package local model packs.',
  usage: [
    'starring models list [--dir DIR]... [--verify]',
    'starring models verify DIR',
    'starring models pack DIR [--id ID --name N --tasks a,b --license L --source S --dtype D]',
  ],
  async run(args, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'list':
        return list(rest, io);
      case 'verify':
        return verify(rest, io);
      case 'pack':
        return pack(rest, io);
      default:
        io.err(`usage:\n  ${this.usage.join('\n  ')}`);
        return 2;
    }
  },
};
