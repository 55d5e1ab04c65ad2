import { z } from 'zod';
import { ZPlanExtract } from './plan-extract.ts';

export const ZParseText = z.object({
  text: z.string().min(1).max(2_000_000),
  source: z.string().trim().min(1).max(200).default('van-ban-dan.txt'),
});
export type TParseText = z.infer<typeof ZParseText>;

/**
 * A text read without diacritics (typed so, or OCR'd): the extracted fields with their diacritics
 * restored, offered to the officer beside the originals; nothing is changed until they accept.
 */
export const ZDiacriticsSuggestion = z.object({
  suggested: z.literal(true),
  /** 0…1: how sure the model is of its choices over the suggested fields. */
  confidence: z.number().min(0).max(1),
  /** The opening of the document's text, restored. */
  sample: z.string(),
  /** Per extracted document (same order): the fields that change, by field key (`title`, `tasks.0.text`). */
  documents: z.array(
    z.object({
      fields: z.array(z.object({ key: z.string(), original: z.string(), restored: z.string() })),
    }),
  ),
});
export type TDiacriticsSuggestion = z.infer<typeof ZDiacriticsSuggestion>;

/** How far one extracted field can be trusted, and the reason (a code the UI words). */
export const ZFieldCheck = z.object({
  field: z.string(),
  confidence: z.number().min(0).max(1),
  reason: z.string(),
});
export type TFieldCheck = z.infer<typeof ZFieldCheck>;

export const ZParseResult = z.object({
  /** The document's text as read (OCR'd for scans), for the side-by-side review. */
  text: z.string(),
  extract: ZPlanExtract,
  elapsedMs: z.number(),
  /** Per extracted document (same order): the uncertain fields, least sure first. */
  checks: z.array(z.array(ZFieldCheck)).optional(),
  /** Present when the text lacks diacritics: the restored fields to suggest. */
  diacritics: ZDiacriticsSuggestion.optional(),
});
export type TParseResult = z.infer<typeof ZParseResult>;

export const ZParseJob = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  source: z.string(),
  /** Pages done and pages in all, for OCR; null until known. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  result: ZParseResult.nullable(),
  /** Why it failed, in the caller's language: a short message, never a library's text. */
  error: z.string().nullable(),
  /** Stable code of the failure (`parse_too_many_pages`, `parse_timeout`…). */
  errorCode: z.string().nullable(),
  /** While waiting for a free reader of its instance: its place in the queue (1 = next). */
  queuePosition: z.number().int().nullable(),
});
export type TParseJob = z.infer<typeof ZParseJob>;
