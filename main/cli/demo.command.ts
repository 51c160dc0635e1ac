import { parseArgs } from 'node:util';
import { createVaultService } from '../core/vault';
import { seedDemo } from '../core/demo/seed-demo';
import { ratePassphrase } from '../core/vault-session/passphrase-strength';
import type { CommandGroup } from './command';
import { readPassphrase } from './passphrase-input';
import { openUnlockedVault, vaultDirOf } from './vault.command';

/** `starring demo --vault DIR`: a vault with realistic sample documents, versions and activity. */
export const demoCommand: CommandGroup = {
  name: 'demo',
  summary: 'Create (or fill) a vault with realistic sample documents across the five industries.',
  usage: ['starring demo --vault DIR [--copies N]'],
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { vault: { type: 'string' }, copies: { type: 'string', default: '1' } },
    });
    if (typeof values.vault !== 'string') throw new Error('--vault DIR is required');
    const copies = Number(values.copies);
    if (!Number.isInteger(copies) || copies < 1 || copies > 10_000)
      throw new Error('--copies must be 1 to 10000');
    const fresh = createVaultService({ dir: vaultDirOf(values.vault) });
    let vault = fresh;
    if (await fresh.exists()) {
      vault = await openUnlockedVault(values.vault, io);
    } else {
      const passphrase = await readPassphrase(io, 'STARRING_PASSPHRASE', 'New vault passphrase: ');
      if (!ratePassphrase(passphrase).acceptable) {
        io.err('The passphrase is too weak for a vault.');
        return 2;
      }
      await fresh.create({ passphrase });
    }
    let lastPercent = -1;
    const result = await seedDemo(vault, {
      copies,
      onProgress: (done, total) => {
        const percent = Math.floor((done / total) * 100);
        if (percent !== lastPercent && percent % 10 === 0)
          io.err(`  ${percent}% (${done}/${total} documents)`);
        lastPercent = percent;
      },
    });
    await vault.lock();
    io.out(
      `Demo vault ready in ${vaultDirOf(values.vault)}: ${result.documents} documents, ${result.versions} versions.`,
    );
    return 0;
  },
};
