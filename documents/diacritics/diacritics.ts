/**
 * The shipped diacritics model, loaded lazily once from resources/diacritics/model.json.gz, and the
 * two calls the rest of the project uses. The decoding itself is in restore-diacritics.ts (pure).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { TDiacriticsSuggestion } from '../../contracts/document-parse.ts';
import type { TPlanExtract } from '../../contracts/plan-extract.ts';
import { SyllableModel, type TSyllableModelFile } from './ngram-model.ts';
import {
  markedShare,
  needsRestoring,
  restoreDiacriticsWith,
  type TRestoredText,
} from './restore-diacritics.ts';
import { suggestDiacritics } from './suggest-diacritics.ts';

export type { TRestoredText } from './restore-diacritics.ts';
export { lacksDiacritics } from './restore-diacritics.ts';

export const MODEL_URL = new URL('../../resources/diacritics/model.json.gz', import.meta.url);

let model: SyllableModel | undefined;

/** Reads and builds the shipped model the first time it is needed (about 0.x s), then reuses it. */
export function shippedModel(): SyllableModel {
  if (!model) {
    const file = JSON.parse(gunzipSync(readFileSync(MODEL_URL)).toString('utf8')) as TSyllableModelFile;
    model = new SyllableModel(file);
  }
  return model;
}

/** Restores the diacritics of a text written without them; other texts come back unchanged. */
export function restoreDiacritics(text: string, options: { force?: boolean } = {}): TRestoredText {
  return restoreDiacriticsWith(shippedModel(), text, options);
}

/**
 * What a parse result adds for a text read without diacritics: `{ diacritics }` with the restored
 * fields, or nothing (the model is not even loaded for a text with diacritics).
 */
export function diacriticsOfParse(
  text: string,
  extract: TPlanExtract,
): { diacritics?: TDiacriticsSuggestion } {
  // the model is loaded only for a text with few marks: an accented document costs nothing
  const needed = (t: string): boolean => markedShare(t) < 0.5 && needsRestoring(shippedModel(), t);
  const diacritics = suggestDiacritics(text, extract, restoreDiacritics, needed);
  return diacritics ? { diacritics } : {};
}
