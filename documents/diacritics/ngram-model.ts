/**
 * A trigram language model over lower-case Vietnamese syllables with interpolated Kneser-Ney
 * smoothing. It is trained from accented text (`trainSyllableModel`), stored as its trigram counts
 * only (`TSyllableModelFile`), and rebuilt from them in memory (`SyllableModel`). Pure, no I/O.
 */
import { foldText } from '../../domain/fold-text.ts';
import { GAP, letterCase, type TLetterCase, tokenize } from './syllables.ts';

export const SENTENCE_START = '<s>';
export const SENTENCE_END = '</s>';

/** What is shipped: the syllables and every trigram with its count, flattened as [a, b, c, n, …]. */
export interface TSyllableModelFile {
  format: 'tiendo-syllable-trigrams/v1';
  syllables: string[];
  trigrams: number[];
  /**
   * How each syllable was written inside a sentence (not first), flattened as [id, capital first,
   * lower case, …]: "Sở" (Sở Y tế) is mostly capitalised there, "số" mostly not.
   */
  cased: number[];
  sources?: { file: string; syllables: number }[];
}

/** Sentences of a text as lower-case syllables and gap placeholders (the model's alphabet), with their case. */
export function casedSentencesOf(text: string): { form: string; letters: TLetterCase }[][] {
  const sentences: { form: string; letters: TLetterCase }[][] = [];
  let current: { form: string; letters: TLetterCase }[] = [];
  const close = (): void => {
    while (current.at(-1)?.form === GAP) current.pop();
    if (current.some((s) => s.form !== GAP)) sentences.push(current);
    current = [];
  };
  for (const token of tokenize(text.normalize('NFC'))) {
    if (token.kind === 'break') close();
    else if (token.kind === 'gap') current.push({ form: GAP, letters: 'lower' });
    else current.push({ form: token.text.toLowerCase(), letters: letterCase(token.text) });
  }
  close();
  return sentences;
}

export function sentencesOf(text: string): string[][] {
  return casedSentencesOf(text).map((sentence) => sentence.map((s) => s.form));
}

/** Counts the trigrams of accented texts (sentences padded with two starts and one end). */
export function trainSyllableModel(texts: { file: string; text: string }[]): TSyllableModelFile {
  const ids = new Map<string, number>([
    [SENTENCE_START, 0],
    [SENTENCE_END, 1],
    [GAP, 2],
  ]);
  const id = (s: string): number => {
    let n = ids.get(s);
    if (n === undefined) {
      n = ids.size;
      ids.set(s, n);
    }
    return n;
  };
  const counts = new Map<string, number>();
  const cased = new Map<number, [number, number]>();
  const sources: { file: string; syllables: number }[] = [];
  for (const { file, text } of texts) {
    let syllables = 0;
    for (const written of casedSentencesOf(text)) {
      const sentence = written.map((s) => s.form);
      written.forEach((s, i) => {
        if (i === 0 || (s.letters !== 'title' && s.letters !== 'lower')) return;
        const pair = cased.get(id(s.form)) ?? [0, 0];
        pair[s.letters === 'title' ? 0 : 1] += 1;
        cased.set(id(s.form), pair);
      });
      const seq = [0, 0, ...sentence.map(id), 1];
      syllables += sentence.length;
      for (let i = 2; i < seq.length; i++) {
        const key = `${seq[i - 2]},${seq[i - 1]},${seq[i]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    sources.push({ file, syllables });
  }
  const trigrams: number[] = [];
  const keys = [...counts.keys()].map((k) => k.split(',').map(Number) as [number, number, number]);
  keys.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  for (const [a, b, c] of keys) trigrams.push(a, b, c, counts.get(`${a},${b},${c}`)!);
  const casedFlat = [...cased.entries()]
    .sort((x, y) => x[0] - y[0])
    .flatMap(([i, [title, lower]]) => [i, title, lower]);
  return {
    format: 'tiendo-syllable-trigrams/v1',
    syllables: [...ids.keys()],
    trigrams,
    cased: casedFlat,
    sources,
  };
}

/** Absolute discount estimated from counts of counts (Ney et al.): D = n1 / (n1 + 2·n2). */
function discount(values: Iterable<number>): number {
  let n1 = 0;
  let n2 = 0;
  for (const v of values) {
    if (v === 1) n1++;
    else if (v === 2) n2++;
  }
  return n1 + n2 === 0 ? 0.75 : Math.min(0.95, Math.max(0.1, n1 / (n1 + 2 * n2)));
}

/** The model in memory: log-probabilities of a syllable after two others, and candidate forms by fold. */
export class SyllableModel {
  readonly syllables: readonly string[];
  /** Id given to any syllable the model has not seen. */
  readonly unknown: number;
  private readonly base: number;
  private readonly ids = new Map<string, number>();
  private readonly byFold = new Map<string, number[]>();
  /** Per history (u, v): its count, its number of distinct followers and the count of each follower. */
  private readonly hist = new Map<number, { sum: number; types: number; next: Map<number, number> }>();
  private readonly contBi = new Map<number, number>();
  private readonly mid = new Map<number, { sum: number; types: number }>();
  private readonly contUni: Float64Array;
  private readonly cased = new Map<number, [number, number]>();
  private readonly biTypes: number;
  private readonly d3: number;
  private readonly d2: number;

  constructor(file: TSyllableModelFile) {
    if (file.format !== 'tiendo-syllable-trigrams/v1') throw new Error(`unknown model format ${file.format}`);
    this.syllables = file.syllables;
    this.unknown = file.syllables.length;
    this.base = file.syllables.length + 1;
    for (const [i, s] of file.syllables.entries()) this.ids.set(s, i);
    const frequency = new Float64Array(this.base);
    const t = file.trigrams;
    for (let i = 0; i + 3 < t.length; i += 4) {
      const [a, b, c, n] = [t[i]!, t[i + 1]!, t[i + 2]!, t[i + 3]!];
      let h = this.hist.get(this.key2(a, b));
      if (!h) {
        h = { sum: 0, types: 0, next: new Map() };
        this.hist.set(this.key2(a, b), h);
      }
      h.next.set(c, n);
      h.sum += n;
      h.types += 1;
      const bc = this.key2(b, c);
      const before = this.contBi.get(bc) ?? 0;
      this.contBi.set(bc, before + 1);
      const m = this.mid.get(b) ?? { sum: 0, types: 0 };
      m.sum += 1;
      if (before === 0) m.types += 1;
      this.mid.set(b, m);
      frequency[c] = (frequency[c] ?? 0) + n;
    }
    this.contUni = new Float64Array(this.base);
    for (const key of this.contBi.keys()) {
      const c = key % this.base;
      this.contUni[c] = (this.contUni[c] ?? 0) + 1;
    }
    this.biTypes = this.contBi.size;
    for (let i = 0; i + 2 < file.cased.length; i += 3) {
      this.cased.set(file.cased[i]!, [file.cased[i + 1]!, file.cased[i + 2]!]);
    }
    this.d3 = discount(t.filter((_, i) => i % 4 === 3));
    this.d2 = discount(this.contBi.values());
    file.syllables.forEach((s, i) => {
      if (i < 3) return;
      const fold = foldText(s);
      const list = this.byFold.get(fold) ?? [];
      list.push(i);
      this.byFold.set(fold, list);
    });
    for (const list of this.byFold.values()) list.sort((x, y) => frequency[y]! - frequency[x]!);
  }

  private key2(a: number, b: number): number {
    return a * this.base + b;
  }

  /** Id of a lower-case syllable, or `unknown`. */
  idOf(syllable: string): number {
    return this.ids.get(syllable) ?? this.unknown;
  }

  /** Seen syllables whose fold is `folded`, most frequent first. */
  candidates(folded: string): readonly number[] {
    return this.byFold.get(folded) ?? [];
  }

  private p1(w: number): number {
    return ((this.contUni[w] ?? 0) + 0.5) / (this.biTypes + 0.5 * this.base);
  }

  /**
   * ln P(written so | w) for a word inside a sentence, capital first or lower case: how often the
   * form was written that way in training (add-one). 0 for other cases, which carry no evidence.
   */
  logCase(w: number, letters: TLetterCase): number {
    if (letters !== 'title' && letters !== 'lower') return 0;
    const [title, lower] = this.cased.get(w) ?? [0, 0];
    return Math.log(((letters === 'title' ? title : lower) + 1) / (title + lower + 2));
  }

  /** ln P(w | u v) for each w of `ws`: interpolated Kneser-Ney (the histories looked up once). */
  logProbsAfter(u: number, v: number, ws: readonly number[]): number[] {
    const h = this.hist.get(this.key2(u, v));
    const m = this.mid.get(v);
    return ws.map((w) => {
      const p2 = m
        ? (Math.max((this.contBi.get(this.key2(v, w)) ?? 0) - this.d2, 0) + this.d2 * m.types * this.p1(w)) /
          m.sum
        : this.p1(w);
      if (!h) return Math.log(p2);
      const c = h.next.get(w) ?? 0;
      return Math.log((Math.max(c - this.d3, 0) + this.d3 * h.types * p2) / h.sum);
    });
  }

  /** ln P(w | u v). */
  logProb(u: number, v: number, w: number): number {
    return this.logProbsAfter(u, v, [w])[0]!;
  }
}
