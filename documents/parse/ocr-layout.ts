/**
 * Tesseract's TSV (one row a word, with its box, line and confidence) → lines as the page lays them
 * out, through the PDF reader's layout (pdf-layout.ts): the two header columns and the two closing
 * columns come out as blocks, left then right, instead of tesseract's own reading order that can
 * interleave them. The page's skew, measured on its long lines, is taken out of the word positions.
 * Words a stamp leaves (low confidence and letters much taller than the text's, or no letter at
 * all) are dropped, and so is the small print of a digital signature above the header.
 */
import { type Item, itemsToLines } from './pdf-layout.ts';

export interface OcrWord {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  /** block, paragraph and line numbers: tesseract's line */
  line: string;
}

export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join(' ').trim();
    if (text.length === 0) continue;
    words.push({
      text,
      left: Number(f[6]),
      top: Number(f[7]),
      width: Number(f[8]),
      height: Number(f[9]),
      conf: Number(f[10]),
      line: `${f[1]}.${f[2]}.${f[3]}.${f[4]}`,
    });
  }
  return words;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Words a reader of the page would not read: stamp letters and specks. */
export function isNoise(word: OcrWord, typicalHeight: number): boolean {
  if (word.conf >= 40) return false;
  // "quyết" is 1.7 times "ma"; a stamp's letters are twice the text's
  return !/[\p{L}\p{N}]/u.test(word.text) || word.height > typicalHeight * 1.8;
}

/**
 * Tesseract sometimes reads one printed line twice, as two lines over the same place (seen on
 * photos, under an underlined motto): of two words whose boxes mostly overlap, the surer is kept.
 */
export function dropRepeatedWords(words: readonly OcrWord[]): OcrWord[] {
  const dropped = new Set<OcrWord>();
  const sorted = [...words].sort((a, b) => a.left - b.left);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.left < a.left + a.width; j++) {
      const b = sorted[j]!;
      if (a.line === b.line) continue;
      const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
      const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
      if (w <= 0 || h <= 0) continue;
      if (w * h > 0.5 * Math.min(a.width * a.height, b.width * b.height))
        dropped.add(a.conf >= b.conf ? b : a);
    }
  }
  return words.filter((w) => !dropped.has(w));
}

/** The page's slope (dy/dx), the median over lines of four words or more. */
function skewOf(lines: Map<string, OcrWord[]>): number {
  const slopes: number[] = [];
  for (const words of lines.values()) {
    if (words.length < 4) continue;
    const first = words[0]!;
    const last = words.at(-1)!;
    const dx = last.left + last.width / 2 - (first.left + first.width / 2);
    if (dx <= 0) continue;
    slopes.push((last.top + last.height - (first.top + first.height)) / dx);
  }
  return slopes.length >= 3 ? median(slopes) : 0;
}

/**
 * Small print above the first line of the text's own size: the marks of a digital signature
 * ("Ký bởi: …", "Cơ quan: …", "Thời gian ký: …", the certifying office's seal, read badly) that an e-signed
 * document carries at its top (Decree 30/2020, appendix I), which are not the document's header.
 */
function dropSmallPrintAbove(lines: Map<string, OcrWord[]>, typical: number): void {
  const height = (words: OcrWord[]): number => median(words.map((w) => w.height));
  let firstTop = Number.POSITIVE_INFINITY;
  for (const words of lines.values())
    if (words.length >= 3 && height(words) >= typical * 0.75)
      firstTop = Math.min(firstTop, Math.min(...words.map((w) => w.top)));
  for (const [key, words] of lines)
    if (
      Math.max(...words.map((w) => w.top + w.height)) <= firstTop &&
      (height(words) < typical * 0.7 || median(words.map((w) => w.conf)) < 50)
    )
      lines.delete(key);
}

export function tsvToText(tsv: string): string {
  const all = parseTsv(tsv);
  const typical = median(all.map((w) => w.height));
  const words = dropRepeatedWords(all.filter((w) => !isNoise(w, typical)));
  const lines = new Map<string, OcrWord[]>();
  for (const w of words) {
    const line = lines.get(w.line) ?? [];
    line.push(w);
    lines.set(w.line, line);
  }
  for (const line of lines.values()) line.sort((a, b) => a.left - b.left);
  dropSmallPrintAbove(lines, typical);
  const slope = skewOf(lines);
  const items: Item[] = [];
  for (const line of lines.values()) {
    // the line's baseline, skew taken out; its height the median of its words' (accents vary)
    const base = median(line.map((w) => w.top + w.height - slope * (w.left + w.width / 2)));
    const height = median(line.map((w) => w.height));
    for (const w of line) items.push({ str: w.text, x: w.left, y: -base, width: w.width, height });
  }
  return itemsToLines(items);
}
