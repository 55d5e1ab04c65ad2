import type { Command } from 'commander';

/** Each command file exports one `register…Command(program)`; add new ones here. */
export function registerCommands(_program: Command): void {}
