import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createVaultService, recoverVault, VaultError, type VaultService } from '../core/vault';
import { ratePassphrase } from '../core/vault-session/passphrase-strength';
import type { CommandGroup, CommandIo } from './command';
import { readPassphrase } from './passphrase-input';

const usage = [
  'starring vault init --vault DIR [--recovery-key ORG_PUBLIC.pem]',
  'starring vault unlock --check --vault DIR      exit 0 only for the right passphrase',
  'starring vault stats --vault DIR',
  'starring vault verify --vault DIR              names each integrity failure; exit 1 if any',
  'starring vault recover --vault DIR --key ORG_PRIVATE.pem   sets a new passphrase (STARRING_NEW_PASSPHRASE)',
  '  The passphrase comes from STARRING_PASSPHRASE or a prompt.',
];

/** The vault folder inside a data folder, as the app lays it out. */
export function vaultDirOf(dataDir: string): string {
  return resolve(dataDir, 'vault');
}

export async function openUnlockedVault(dataDir: string, io: CommandIo): Promise<VaultService> {
  const vault = createVaultService({ dir: vaultDirOf(dataDir) });
  if (!(await vault.exists()))
    throw new VaultError(
      'VAULT_ABSENT',
      `There is no vault in ${dataDir}. Create one with \`starring vault init\`.`,
    );
  await vault.unlock({ passphrase: await readPassphrase(io, 'STARRING_PASSPHRASE', 'Vault passphrase: ') });
  return vault;
}

function vaultOption(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      vault: { type: 'string' },
      check: { type: 'boolean' },
      'recovery-key': { type: 'string' },
      key: { type: 'string' },
    },
    allowPositionals: false,
  });
  if (typeof values.vault !== 'string') throw new Error('--vault DIR is required');
  return { dir: values.vault, values };
}

export const vaultCommand: CommandGroup = {
  name: 'vault',
  summary: 'Create, check, inspect, verify and recover an encrypted vault.',
  usage,
  async run([sub, ...args], io) {
    switch (sub) {
      case 'init': {
        const { dir, values } = vaultOption(args);
        const passphrase = await readPassphrase(io, 'STARRING_PASSPHRASE', 'New vault passphrase: ');
        const rating = ratePassphrase(passphrase);
        if (!rating.acceptable) {
          io.err(
            `The passphrase is too weak (score ${rating.score}/4). ${rating.warning} ${rating.suggestions.join(' ')}`,
          );
          return 2;
        }
        const recovery = values['recovery-key'];
        const vault = createVaultService({ dir: vaultDirOf(dir) });
        await vault.create({
          passphrase,
          ...(typeof recovery === 'string' && { recoveryPublicKeyPem: await readFile(recovery, 'utf8') }),
        });
        await vault.lock();
        io.out(`Created an encrypted vault in ${vaultDirOf(dir)}`);
        return 0;
      }
      case 'unlock': {
        const { dir, values } = vaultOption(args);
        if (!values.check) throw new Error('use `starring vault unlock --check --vault DIR`');
        const vault = await openUnlockedVault(dir, io);
        await vault.lock();
        io.out('The passphrase is correct.');
        return 0;
      }
      case 'stats': {
        const { dir } = vaultOption(args);
        const vault = await openUnlockedVault(dir, io);
        const stats = await vault.stats();
        await vault.lock();
        for (const [key, value] of Object.entries(stats)) io.out(`${key.padEnd(20)} ${value}`);
        return 0;
      }
      case 'verify': {
        const { dir } = vaultOption(args);
        const vault = await openUnlockedVault(dir, io);
        const failures = await vault.verify();
        await vault.lock();
        for (const failure of failures) io.err(`INTEGRITY FAILURE ${failure.file}: ${failure.problem}`);
        io.out(
          failures.length === 0 ? 'Every vault file verified.' : `${failures.length} integrity failure(s).`,
        );
        return failures.length === 0 ? 0 : 1;
      }
      case 'recover': {
        const { dir, values } = vaultOption(args);
        if (typeof values.key !== 'string') throw new Error('--key ORG_PRIVATE.pem is required');
        const newPassphrase = await readPassphrase(
          io,
          'STARRING_NEW_PASSPHRASE',
          'New passphrase for the user: ',
        );
        if (!ratePassphrase(newPassphrase).acceptable) {
          io.err('The new passphrase is too weak.');
          return 2;
        }
        const { slotId } = await recoverVault({
          dir: vaultDirOf(dir),
          privateKeyPem: await readFile(values.key, 'utf8'),
          newPassphrase,
        });
        io.out(`Recovered: the vault now opens with the new passphrase (unlock method ${slotId}).`);
        return 0;
      }
      default:
        io.err(`starring vault: unknown subcommand "${sub ?? ''}".\n${usage.join('\n')}`);
        return 2;
    }
  },
};
