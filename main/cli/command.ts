/** One `starring` subcommand group (`vault`, `audit`, `models`, ...). */
export interface CommandGroup {
  name: string;
  summary: string;
  /** Lines printed under the group in `starring --help`. */
  usage: string[];
  /** Returns the process exit code. */
  run(args: string[], io: CommandIo): Promise<number>;
}

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}
