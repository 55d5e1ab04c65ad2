import type { Command } from 'commander';
import { registerBackupCommands } from './backup.ts';
import { registerDbCommand } from './db.ts';
import { registerDemoCommand } from './demo.ts';
import { registerExchangeCommand } from './exchange.ts';
import { registerOrgCommand } from './org.ts';
import { registerParseCommand } from './parse.ts';
import { registerRenderCommand } from './render.ts';
import { registerRollupCommand } from './rollup.ts';
import { registerServeCommand } from './serve.ts';
import { registerUsersCommand } from './users.ts';

/** Each command file exports one `register…Command(program)`; add new ones here. */
export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerDbCommand(program);
  registerOrgCommand(program);
  registerUsersCommand(program);
  registerDemoCommand(program);
  registerBackupCommands(program);
  registerParseCommand(program);
  registerRenderCommand(program);
  registerRollupCommand(program);
  registerExchangeCommand(program);
}
