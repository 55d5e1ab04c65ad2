/**
 * Restores the diacritics of Vietnamese text typed or OCR'd without them: every unaccented syllable
 * gets the accented form that the syllable trigram model finds most likely in its sentence (Viterbi
 * over the candidates of each syllable). Numbers, symbols and accented words stay as they are, and
 * so does a text that is already mostly accented. Pure: the model is passed in.
 */
import { foldText } from '../../domain/fold-text.ts';
import { SENTENCE_END, SENTENCE_START, type SyllableModel } from './ngram-model.ts';
import {
  applyCase,
  GAP,
  hasDiacritics,
  letterCase,
  looksVietnamese,
  type Token,
  tokenize,
} from './syllables.ts';

export interface TRestoredText {
  text: string;
  /** True when at least one word was changed. */
  changed: boolean;
  /** 0…1: mean, over the unaccented syllables, of how sure the model is of its choice (0 for unknown ones). */
  confidence: number;
}

/** Below this share of marked syllables a text is taken as written without diacritics. */
const MARKED_SHARE_FLOOR = 0.2;
/** Candidates kept per syllable (the most frequent forms); bounds the Viterbi states. */
const MAX_CANDIDATES = 10;

/** Share of the Vietnamese-looking syllables of a text that carry marks (NaN when it has none). */
export function markedShare(text: string): number {
  let syllables = 0;
  let marked = 0;
  for (const token of tokenize(text)) {
    if (token.kind !== 'word') continue;
    const folded = foldText(token.text);
    if (!looksVietnamese(folded)) continue;
    syllables++;
    if (hasDiacritics(token.text)) marked++;
  }
  return syllables === 0 ? Number.NaN : marked / syllables;
}

/**
 * True when a text reads as Vietnamese written without diacritics: at least three Vietnamese-looking
 * syllables and fewer than a fifth of them marked (accented Vietnamese marks about two thirds).
 */
export function lacksDiacritics(text: string): boolean {
  let syllables = 0;
  for (const token of tokenize(text)) {
    if (token.kind === 'word' && looksVietnamese(foldText(token.text))) syllables++;
  }
  return syllables >= 3 && markedShare(text) < MARKED_SHARE_FLOOR;
}

interface Position {
  /** Model ids that may stand here (one for gaps, accented or unknown words). */
  ids: readonly number[];
  /** The word to rewrite, when the model chooses among several forms or one seen form. */
  word?: Extract<Token, { kind: 'word' }>;
  /** Counts toward the confidence (an unaccented Vietnamese-looking syllable). */
  scored: boolean;
  /** ln P(the word's capitalisation | each candidate), inside a sentence; zeros otherwise. */
  caseScores?: number[];
}

function positionOf(
  model: SyllableModel,
  token: Extract<Token, { kind: 'word' }> | null,
  first: boolean,
): Position {
  if (!token) return { ids: [model.idOf(GAP)], scored: false };
  const lower = token.text.toLowerCase().normalize('NFC');
  // a marked word is kept, unless no such form was ever seen ("hién", "vé" of an OCR): then it is
  // decided again from its letters, like a bare word
  if (hasDiacritics(token.text) && model.idOf(lower) !== model.unknown) {
    return { ids: [model.idOf(lower)], scored: false };
  }
  if (hasDiacritics(token.text) && model.candidates(foldText(token.text)).length === 0) {
    return { ids: [model.unknown], scored: false };
  }
  const folded = foldText(token.text);
  const ids = model.candidates(folded).slice(0, MAX_CANDIDATES);
  const scored = looksVietnamese(folded);
  if (ids.length === 0) return { ids: [model.unknown], scored };
  if (first || ids.length === 1) return { ids, word: token, scored };
  const letters = letterCase(token.text);
  return { ids, word: token, scored, caseScores: ids.map((id) => model.logCase(id, letters)) };
}

/** Viterbi over pairs (previous form, this form): the most likely forms of one sentence. */
function decodeSentence(model: SyllableModel, positions: Position[]): number[] {
  const start = model.idOf(SENTENCE_START);
  const end = model.idOf(SENTENCE_END);
  // a state is the pair of the last two ids; its score and back pointer
  type State = { prev: number; cur: number; score: number; back: number };
  let states: State[] = [{ prev: start, cur: start, score: 0, back: -1 }];
  const history: State[][] = [];
  for (const position of positions) {
    const next = new Map<number, State>();
    for (let index = 0; index < states.length; index++) {
      const state = states[index]!;
      const scores = model.logProbsAfter(state.prev, state.cur, position.ids);
      for (let k = 0; k < position.ids.length; k++) {
        const id = position.ids[k]!;
        const score = state.score + scores[k]! + (position.caseScores?.[k] ?? 0);
        const key = state.cur * (model.unknown + 1) + id;
        const best = next.get(key);
        if (!best || score > best.score) next.set(key, { prev: state.cur, cur: id, score, back: index });
      }
    }
    history.push(states);
    states = [...next.values()];
  }
  let bestIndex = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  states.forEach((state, index) => {
    const score = state.score + model.logProb(state.prev, state.cur, end);
    if (score > bestScore) {
      bestScore = score;
      bestIndex = index;
    }
  });
  const ids: number[] = new Array(positions.length);
  let index = bestIndex;
  for (let i = positions.length - 1; i >= 0; i--) {
    const state = states[index]!;
    ids[i] = state.cur;
    index = state.back;
    states = history[i]!;
  }
  return ids;
}

/**
 * How sure the choice at `i` is, given the chosen neighbours: the chosen form's share of the
 * probability of all its candidates, scoring the three trigrams it takes part in.
 */
function localConfidence(model: SyllableModel, positions: Position[], chosen: number[], i: number): number {
  const start = model.idOf(SENTENCE_START);
  const at = (k: number): number =>
    k < 0 ? start : k >= chosen.length ? model.idOf(SENTENCE_END) : chosen[k]!;
  const position = positions[i]!;
  const score = (id: number, k: number): number => {
    let s = model.logProb(at(i - 2), at(i - 1), id) + (position.caseScores?.[k] ?? 0);
    if (i + 1 <= chosen.length) s += model.logProb(at(i - 1), id, at(i + 1));
    if (i + 2 <= chosen.length) s += model.logProb(id, at(i + 1), at(i + 2));
    return s;
  };
  const scores = position.ids.map(score);
  const max = Math.max(...scores);
  const total = scores.reduce((sum, s) => sum + Math.exp(s - max), 0);
  return Math.exp((scores[position.ids.indexOf(chosen[i]!)] ?? max) - max) / total;
}

/** Above this share of marked syllables a text is taken as accented, however odd its marks. */
const RELIABLE_MARKED_SHARE = 0.5;
/** Share of marked words of a form never seen above which the marks are taken as noise (OCR). */
const UNSEEN_MARKED_CEILING = 0.3;

/**
 * True when a text's marks are OCR noise rather than Vietnamese ("Thuec hién Chi thj s6 … vé"): few
 * of its syllables are marked and most marked words have forms the model never saw (real accented
 * text: under 4 % unseen; such an OCR: over 90 %).
 */
export function marksUnreliable(model: SyllableModel, text: string): boolean {
  if (!(markedShare(text) < RELIABLE_MARKED_SHARE)) return false;
  let marked = 0;
  let unseen = 0;
  for (const token of tokenize(text)) {
    if (token.kind !== 'word' || !hasDiacritics(token.text)) continue;
    marked++;
    if (model.idOf(token.text.toLowerCase().normalize('NFC')) === model.unknown) unseen++;
  }
  return marked >= 5 && unseen / marked > UNSEEN_MARKED_CEILING;
}

/** True when the text should be restored: written without diacritics, or with marks that are noise. */
export function needsRestoring(model: SyllableModel, text: string): boolean {
  return lacksDiacritics(text) || marksUnreliable(model, text);
}

/**
 * Restores the text's diacritics with `model`; a text that does not need it (`needsRestoring`)
 * comes back unchanged, unless `force` (a short field of a document already found to need it: its
 * own few syllables are too few to judge). Marked words whose form was never seen are decided again.
 */
export function restoreDiacriticsWith(
  model: SyllableModel,
  text: string,
  options: { force?: boolean } = {},
): TRestoredText {
  if (!options.force && !needsRestoring(model, text)) return { text, changed: false, confidence: 1 };
  const replacements: { start: number; end: number; text: string }[] = [];
  let scoredCount = 0;
  let confidenceSum = 0;
  let sentence: Position[] = [];
  const flush = (): void => {
    while (sentence.at(-1)?.ids[0] === model.idOf(GAP) && !sentence.at(-1)?.word) sentence.pop();
    if (sentence.length === 0) return;
    const chosen = decodeSentence(model, sentence);
    sentence.forEach((position, i) => {
      if (position.scored) {
        scoredCount++;
        if (position.word)
          confidenceSum += position.ids.length === 1 ? 1 : localConfidence(model, sentence, chosen, i);
      }
      if (!position.word) return;
      const form = model.syllables[chosen[i]!]!;
      const restored = applyCase(position.word.text, form);
      if (restored !== position.word.text) {
        replacements.push({ start: position.word.start, end: position.word.end, text: restored });
      }
    });
    sentence = [];
  };
  for (const token of tokenize(text)) {
    if (token.kind === 'break') flush();
    else sentence.push(positionOf(model, token.kind === 'word' ? token : null, sentence.length === 0));
  }
  flush();
  let out = '';
  let cursor = 0;
  for (const r of replacements) {
    out += text.slice(cursor, r.start) + r.text;
    cursor = r.end;
  }
  out += text.slice(cursor);
  const confidence = scoredCount === 0 ? 1 : Math.round((confidenceSum / scoredCount) * 100) / 100;
  return { text: out, changed: replacements.length > 0, confidence };
}
