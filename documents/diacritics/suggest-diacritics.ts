/**
 * The suggestion the review screen shows for a document read without diacritics: each extracted
 * field that the model would change, with its original and restored text. Pure: the restoring
 * function is passed in.
 */
import type { TDiacriticsSuggestion } from '../../contracts/document-parse.ts';
import type { TExtractedDocument, TPlanExtract } from '../../contracts/plan-extract.ts';
import { lacksDiacritics, type TRestoredText } from './restore-diacritics.ts';

/** Characters of the document's opening restored for the sample. */
const SAMPLE_CHARS = 600;

type Restore = (text: string, options: { force: boolean }) => TRestoredText;

/** The field keys offered (as the review screen names them) and their values. */
export function suggestibleFields(doc: TExtractedDocument): [string, string][] {
  const fields: [string, string | null][] = [
    ['title', doc.title],
    ['issuer', doc.issuer],
    ...doc.targets.map((t, i): [string, string] => [`targets.${i}.text`, t.text]),
    ...doc.tasks.flatMap((t, i): [string, string | null][] => [
      [`tasks.${i}.text`, t.text],
      [`tasks.${i}.lead`, t.lead],
    ]),
    ...doc.assignments.flatMap((a, i): [string, string][] => [
      [`assignments.${i}.unit`, a.unit],
      [`assignments.${i}.text`, a.text],
    ]),
  ];
  return fields.filter((f): f is [string, string] => typeof f[1] === 'string' && f[1].trim() !== '');
}

/**
 * The suggestion for a parse result, or undefined when its text does not need restoring (`needed`:
 * by default, when it lacks diacritics).
 */
export function suggestDiacritics(
  text: string,
  extract: TPlanExtract,
  restore: Restore,
  needed: (text: string) => boolean = lacksDiacritics,
): TDiacriticsSuggestion | undefined {
  if (!needed(text)) return undefined;
  let weight = 0;
  let weighted = 0;
  const documents = extract.documents.map((doc) => ({
    fields: suggestibleFields(doc).flatMap(([key, original]) => {
      const r = restore(original, { force: true });
      if (!r.changed) return [];
      weight += original.length;
      weighted += original.length * r.confidence;
      return [{ key, original, restored: r.text }];
    }),
  }));
  const opening = text.slice(0, SAMPLE_CHARS);
  const sample = restore(
    opening.slice(0, opening.lastIndexOf('\n') > 0 ? opening.lastIndexOf('\n') : undefined),
    {
      force: true,
    },
  );
  if (weight === 0) {
    weight = 1;
    weighted = sample.confidence;
  }
  return {
    suggested: true,
    confidence: Math.round((weighted / weight) * 100) / 100,
    sample: sample.text,
    documents,
  };
}
