import { appVersion } from '../core/app/app-version';
import type { CommandGroup, CommandIo } from './command';
import { auditCommand } from './audit.command';
import { demoCommand } from './demo.command';
import { selfTestCommand } from './info.command';
import { serverCommand } from './server.command';
import { modelsCommand } from './models.command';
import { phiCommand } from './phi.command';
import { policyCommand } from './policy.command';
import { vaultCommand } from './vault.command';

/** Every command group; later features add theirs here. */
export const commandGroups: CommandGroup[] = [
  vaultCommand,
  demoCommand,
  auditCommand,
  policyCommand,
  modelsCommand,
  phiCommand,
  selfTestCommand,
  serverCommand,
];

export function helpText(): string {
  const lines = [
    `starring ${appVersion} — StarRing Workspace (星环工作台) command line`,
    '',
    'Usage: starring <command> [options]',
    '',
    'Commands:',
  ];
  for (const group of commandGroups) {
    lines.push(`  ${group.name.padEnd(12)} ${group.summary}`);
    for (const usage of group.usage) lines.push(`      ${usage}`);
  }
  lines.push('', 'Options:', '  --help       show this help', '  --version    print the version');
  return lines.join('\n');
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version') {
    io.out(appVersion);
    return 0;
  }
  const group = commandGroups.find((candidate) => candidate.name === first);
  if (!group) {
    io.err(`starring: unknown command "${first}". Run \`starring --help\` for the list.`);
    return 2;
  }
  try {
    return await group.run(rest, io);
  } catch (error) {
    io.err(`starring ${group.name}: ${(error as Error).message}`);
    return 1;
  }
}
