import { z } from 'zod';
import { ZPlanExtract } from './plan-extract.ts';

export const ZParseText = z.object({
  text: z.string().min(1).max(2_000_000),
  source: z.string().trim().min(1).max(200).default('van-ban-dan.txt'),
});
export type TParseText = z.infer<typeof ZParseText>;

export const ZParseResult = z.object({
  /** The document's text as read (OCR'd for scans), for the side-by-side review. */
  text: z.string(),
  extract: ZPlanExtract,
  elapsedMs: z.number(),
});
export type TParseResult = z.infer<typeof ZParseResult>;

export const ZParseJob = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  source: z.string(),
  /** Pages done and pages in all, for OCR; null until known. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  result: ZParseResult.nullable(),
  error: z.string().nullable(),
});
export type TParseJob = z.infer<typeof ZParseJob>;
