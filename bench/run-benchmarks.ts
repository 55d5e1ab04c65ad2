import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * Runs `bench/NAME.bench.ts` files whose NAME starts with one of the given prefixes (all when
 * none is given). Each file exports `run()`, which prints its own JSON lines.
 */
export async function runBenchmarks(prefixes: string[]): Promise<void> {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
  const chosen = files.filter((file) => prefixes.length === 0 || prefixes.some((p) => file.startsWith(p)));
  if (chosen.length === 0) {
    process.stderr.write(`bench: no benchmark matches ${prefixes.join(', ')}; have: ${files.join(', ')}\n`);
    process.exitCode = 1;
    return;
  }
  for (const file of chosen) {
    process.stderr.write(`bench: ${file}\n`);
    const module = (await import(new URL(file, import.meta.url).href)) as { run: () => Promise<void> };
    await module.run();
  }
}
