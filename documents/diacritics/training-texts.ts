/**
 * The texts the diacritics model is trained on (read from the project; build time only — the
 * decoder never reads files): the seed documents, the tuned part of the corpus (never its measured
 * part, which the benchmark reads) and the project's own Vietnamese texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markedShare } from './restore-diacritics.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TEXT_FILE = /\.(txt|md)$/;

/** The training folders; resources/corpus/measure is left out on purpose. */
export const TRAINING_DIRS = ['resources/seeds', 'resources/corpus/tune/docs'];

/** Texts OCR'd with wrong marks ("Thuec hién Chi thj s6"): they would teach the model false forms. */
export const EXCLUDED = new Set([
  'resources/seeds/002_ecf9da9cd69f7705.txt',
  'resources/corpus/tune/docs/a02_ttg-02-QD-TTg-2022-chien-luoc-dinh-duong-ocr.md',
]);

export function trainingFiles(): string[] {
  const files: string[] = [];
  for (const dir of TRAINING_DIRS) {
    for (const name of readdirSync(join(root, dir)).sort()) {
      if (TEXT_FILE.test(name) && !EXCLUDED.has(`${dir}/${name}`)) files.push(join(root, dir, name));
    }
  }
  return files;
}

/** Keeps the lines written with diacritics: file names, URLs and unaccented lines would teach bare forms. */
function accentedLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const share = markedShare(line);
      return Number.isNaN(share) || share >= 0.3;
    })
    .join('\n');
}

/** Strings of a JSON file (the web app's Vietnamese texts), one per line. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}

/** The project's own Vietnamese: the user guide, the web app's texts, the names of the provinces. */
const OWN_TEXTS: { file: string; read: (raw: string) => string }[] = [
  { file: 'docs/huong-dan-su-dung.md', read: (raw) => raw },
  { file: 'web/src/i18n/vi.json', read: (raw) => jsonStrings(JSON.parse(raw)).join('\n') },
  { file: 'resources/reference/provinces-2025.csv', read: (raw) => raw.replaceAll(',', '\n') },
];

/** Every training text, its file named from the project's root, unaccented lines left out. */
export function trainingTexts(): { file: string; text: string }[] {
  const texts = [
    ...trainingFiles().map((file) => ({ file: relative(root, file), raw: readFileSync(file, 'utf8') })),
    ...OWN_TEXTS.map(({ file, read }) => ({ file, raw: read(readFileSync(join(root, file), 'utf8')) })),
  ].map(({ file, raw }) => ({ file, text: accentedLines(raw) }));
  if (texts.some((t) => t.file.startsWith('resources/corpus/measure')))
    throw new Error('measured corpus in training');
  return texts;
}
