/**
 * Scores the reader on the development corpus (resources/corpus), the tuned part and the measured
 * part apart, with the shared scorer (a copy in resources/corpus/score-extract.mjs).
 *
 *   npx tsx scripts/score-corpus.ts [tune|measure|seeds ...] [--verbose] [--cache DIR]
 *
 * Every file is read in this one process (not one `tiendo parse` per file); `--cache DIR` keeps the
 * text read from PDF, scans and Word files between runs while tuning (never in CI).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlanDocument } from '../documents/parse/parse-plan-document.ts';
import { readInput } from '../documents/parse/read-input.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const corpus = join(root, 'resources/corpus');

export const PARTS: Record<string, { gold: string; docs: string }> = {
  tune: { gold: join(corpus, 'tune/gold'), docs: join(corpus, 'tune/docs') },
  measure: { gold: join(corpus, 'measure/gold'), docs: join(corpus, 'measure/docs') },
  seeds: { gold: join(root, 'resources/seeds-gold'), docs: join(root, 'resources/seeds') },
};

async function textOf(path: string, cacheDir: string | null): Promise<string> {
  if (!cacheDir) return readInput(path);
  const key = createHash('sha256').update(readFileSync(path)).digest('hex');
  const cached = join(cacheDir, `${key}.txt`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const text = await readInput(path);
  writeFileSync(cached, text);
  return text;
}

/** Writes one prediction per gold file and returns the scorer's output. */
export async function scorePart(
  part: string,
  opts: { verbose?: boolean; cacheDir?: string | null } = {},
): Promise<{ output: string; score: number }> {
  const p = PARTS[part];
  if (!p) throw new Error(`unknown part ${part}`);
  const pred = mkdtempSync(join(tmpdir(), `tiendo-corpus-${part}-`));
  for (const g of readdirSync(p.gold).filter((f) => f.endsWith('.json'))) {
    const gold = JSON.parse(readFileSync(join(p.gold, g), 'utf8')) as { source?: string };
    const source = gold.source ?? g.replace(/\.json$/, '.txt');
    let out: unknown;
    try {
      out = parsePlanDocument(await textOf(join(p.docs, source), opts.cacheDir ?? null), { source });
    } catch (e) {
      out = { format: 'plan-extract/v1', source, documents: [], error: String(e) };
    }
    writeFileSync(join(pred, g), JSON.stringify(out));
  }
  const args = [join(corpus, 'score-extract.mjs'), '--gold', p.gold, '--docs', p.docs, '--pred', pred];
  if (opts.verbose) args.push('--verbose');
  const output = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const score = Number(/score: ([\d.]+)/.exec(output)?.[1] ?? 'NaN');
  return { output, score };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const ci = args.indexOf('--cache');
  const cacheDir = ci >= 0 ? (args[ci + 1] ?? null) : null;
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  const parts = args.filter((a, i) => !a.startsWith('--') && (ci < 0 || i !== ci + 1));
  for (const part of parts.length ? parts : ['tune', 'measure']) {
    const { output } = await scorePart(part, { verbose, cacheDir });
    console.log(`== ${part}\n${output}`);
  }
}
