import type { TMilestone } from '../../../../contracts/plan-extract.ts';
import { slug as foldedSlug } from '../../../../domain/fold-text.ts';

const oneDecimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** A figure in the Vietnamese format with at most one decimal: `87,5%`, `1.240 hoạt động`. */
export function formatFigure(value: number | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = oneDecimal.format(value);
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

const OP_TEXT: Record<TMilestone['op'], string> = { '>': '>', '>=': '≥', '=': '=', '<': '<', '<=': '≤' };

/** `> 95%` — a milestone's comparison and value. */
export function formatMilestoneValue(milestone: TMilestone): string {
  return `${OP_TEXT[milestone.op]} ${formatFigure(milestone.value, milestone.unit)}`;
}

/** A milestone is drawn on a chart only when it is measured in the indicator's own unit. */
export function milestoneComparable(
  milestone: TMilestone,
  indicatorUnit: string | null | undefined,
): boolean {
  return (milestone.unit ?? '') === (indicatorUnit ?? '');
}

/** `data:image/png;base64,…` → a Blob (no fetch: the CSP's connect-src does not allow data: URLs). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const [head = '', body = ''] = dataUrl.split(',', 2);
  const mime = /data:([^;]+)/.exec(head)?.[1] ?? 'image/png';
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** A safe file name part: `Năm 2025` → `nam-2025`. */
export function slug(text: string): string {
  return foldedSlug(text, 60) || 'bieu-do';
}
