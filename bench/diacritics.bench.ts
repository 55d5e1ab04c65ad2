/**
 * Diacritic restoration on held-out accented text: resources/corpus/measure/docs (*.md, *.txt),
 * never used in training, with its diacritics removed. Prints syllable accuracy of the trigram
 * model and of a baseline measured in the same run (each syllable's most frequent form), and the
 * time per 1,000 syllables. Goal: accuracy ≥ 0.95. Then, as a second opinion on more text, each
 * document of the tuned part restored by a model trained without it (leave one out).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shippedModel } from '../documents/diacritics/diacritics.ts';
import { SyllableModel, trainSyllableModel } from '../documents/diacritics/ngram-model.ts';
import { restoreDiacriticsWith } from '../documents/diacritics/restore-diacritics.ts';
import { applyCase, hasDiacritics, tokenize } from '../documents/diacritics/syllables.ts';
import { trainingTexts } from '../documents/diacritics/training-texts.ts';
import { foldText } from '../domain/fold-text.ts';
import { printMeasurement, timeRuns } from './measure.ts';

const measureDir = fileURLToPath(new URL('../resources/corpus/measure/docs/', import.meta.url));

/** Removes every mark and đ, keeping case: what a text typed without diacritics looks like. */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Each unaccented word replaced by its most frequent seen form: the unigram baseline. */
function mostFrequentForm(model: SyllableModel, text: string): string {
  let out = '';
  let cursor = 0;
  for (const token of tokenize(text)) {
    if (token.kind !== 'word' || hasDiacritics(token.text)) continue;
    const best = model.candidates(foldText(token.text))[0];
    if (best === undefined) continue;
    out += text.slice(cursor, token.start) + applyCase(token.text, model.syllables[best]!);
    cursor = token.end;
  }
  return out + text.slice(cursor);
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** A word with its tone mark moved to the end: "hoá" and "hóa", "uỷ" and "ủy" (old and new placement) meet. */
function tonePlacementFree(word: string): string {
  const nfd = word.normalize('NFD');
  return nfd.replace(TONES, '') + (nfd.match(TONES) ?? []).join('');
}

/** Words of the gold text compared with the same words of the restored text (same positions). */
function score(gold: string, restored: string): { words: number; correct: number; placementFree: number } {
  const goldWords = tokenize(gold).filter((t) => t.kind === 'word');
  const outWords = tokenize(restored).filter((t) => t.kind === 'word');
  if (goldWords.length !== outWords.length) throw new Error('restoration changed the words of the text');
  let correct = 0;
  let placementFree = 0;
  goldWords.forEach((g, i) => {
    const out = outWords[i]!.text;
    if (g.text === out) correct++;
    if (tonePlacementFree(g.text) === tonePlacementFree(out)) placementFree++;
  });
  return { words: goldWords.length, correct, placementFree };
}

export async function run(): Promise<void> {
  const docs = readdirSync(measureDir)
    .filter((f) => /\.(md|txt)$/.test(f))
    .sort()
    .map((f) => ({ name: f, gold: readFileSync(join(measureDir, f), 'utf8').normalize('NFC') }));
  const loadStarted = performance.now();
  const model = shippedModel();
  const loadMs = Math.round(performance.now() - loadStarted);
  const total = { words: 0, model: 0, baseline: 0, placementFree: 0 };
  const perDoc: Record<string, number> = {};
  let restoredAll = '';
  for (const doc of docs) {
    const plain = stripDiacritics(doc.gold);
    const restored = restoreDiacriticsWith(model, plain).text;
    restoredAll += `${restored}\n`;
    const m = score(doc.gold, restored);
    const b = score(doc.gold, mostFrequentForm(model, plain));
    total.words += m.words;
    total.model += m.correct;
    total.placementFree += m.placementFree;
    total.baseline += b.correct;
    perDoc[doc.name.slice(0, 3)] = Math.round((m.correct / m.words) * 1000) / 1000;
  }
  const plainAll = docs.map((d) => stripDiacritics(d.gold)).join('\n');
  const t = await timeRuns(5, () => restoreDiacriticsWith(model, plainAll), 1);
  const per1000 = (ms: number): number => Math.round((ms / total.words) * 1000 * 100) / 100;
  printMeasurement({
    name: 'diacritics_restore',
    engine: 'syllable-trigram-kn-viterbi',
    p50_ms: per1000(t.p50_ms),
    p95_ms: per1000(t.p95_ms),
    n: t.n,
    unit: 'ms per 1,000 syllables',
    load_ms: loadMs,
    documents: docs.length,
    syllables: total.words,
    accuracy: Math.round((total.model / total.words) * 10000) / 10000,
    accuracy_either_tone_placement: Math.round((total.placementFree / total.words) * 10000) / 10000,
    baseline_most_frequent_form: Math.round((total.baseline / total.words) * 10000) / 10000,
    per_document: perDoc,
    goal_accuracy: 0.95,
  });
  if (process.env.BENCH_DIACRITICS_DUMP) process.stderr.write(restoredAll);
  crossValidate();
}

/** Leave one out over the tuned corpus: each document restored by a model trained on all the others. */
export function crossValidate(): void {
  const texts = trainingTexts();
  const held = texts.filter((t) => t.file.startsWith('resources/corpus/tune/'));
  let words = 0;
  let correct = 0;
  for (const doc of held) {
    const model = new SyllableModel(trainSyllableModel(texts.filter((t) => t !== doc)));
    const gold = doc.text.normalize('NFC');
    const m = score(gold, restoreDiacriticsWith(model, stripDiacritics(gold)).text);
    words += m.words;
    correct += m.correct;
  }
  printMeasurement({
    name: 'diacritics_leave_one_out_tuned',
    engine: 'syllable-trigram-kn-viterbi',
    p50_ms: Number.NaN,
    p95_ms: Number.NaN,
    n: held.length,
    documents: held.length,
    syllables: words,
    accuracy: Math.round((correct / words) * 10000) / 10000,
  });
}
