#!/usr/bin/env node
// Entry of the `tiendo` command. The project runs its TypeScript sources through tsx
// (no separate build step for the server and CLI; see docs/adr/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli/main.ts');
await runCli(process.argv);
