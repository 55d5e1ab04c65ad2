/**
 * What a reading returns to the review screen — the text as read, its extraction and how far each
 * field can be trusted — built in one place for the server's own process and its reader workers.
 */
import type { TParseResult } from '../../contracts/document-parse.ts';
import { diacriticsOfParse } from '../diacritics/diacritics.ts';
import { assessReading } from './assess-extraction.ts';
import { parsePlanDocument } from './parse-plan-document.ts';

/** Reads `text` (already taken out of its file) into the review's result; `started` from performance.now(). */
export function parseResultOf(
  text: string,
  source: string,
  started: number = performance.now(),
): TParseResult {
  const extract = parsePlanDocument(text, { source });
  return {
    text,
    extract,
    elapsedMs: Math.round(performance.now() - started),
    checks: assessReading(extract.documents, text),
    // a text read without diacritics: its fields restored, offered beside the originals
    ...diacriticsOfParse(text, extract),
  };
}
