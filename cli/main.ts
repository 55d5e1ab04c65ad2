import { Command } from 'commander';
import { registerCommands } from './commands/index.ts';

/** Builds the `tiendo` program; every command lives in its own file under cli/commands/. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('tiendo')
    .description('Tiến Độ — kế hoạch, chỉ tiêu và báo cáo của tổ chức công đoàn')
    .showHelpAfterError();
  registerCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tiendo: ${message}\n`);
    process.exitCode = 1;
  }
}
