#!/usr/bin/env node
// `npm run bench -- NAME…` runs the benchmarks in bench/ whose file name starts with a NAME.
import { register } from 'tsx/esm/api';

register();
const { runBenchmarks } = await import('../bench/run-benchmarks.ts');
await runBenchmarks(process.argv.slice(2));
