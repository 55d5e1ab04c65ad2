import type { TFunction } from 'i18next';
import type { TDiacriticsSuggestion } from '../../../../../contracts/document-parse.ts';
import type { TExtractedDocument } from '../../../../../contracts/plan-extract.ts';

type TRestoredField = TDiacriticsSuggestion['documents'][number]['fields'][number];

/**
 * Puts the restored (accented) texts into a document's fields. A field the officer has already
 * changed (its value is no longer the original) is left as they wrote it.
 */
export function applyRestoredFields(
  doc: TExtractedDocument,
  fields: readonly TRestoredField[],
): { doc: TExtractedDocument; applied: number } {
  let applied = 0;
  const pick = (key: string, current: string | null): string | null => {
    const field = fields.find((f) => f.key === key);
    if (!field || current !== field.original) return current;
    applied++;
    return field.restored;
  };
  const next: TExtractedDocument = {
    ...doc,
    title: pick('title', doc.title),
    issuer: pick('issuer', doc.issuer),
    targets: doc.targets.map((t, i) => ({ ...t, text: pick(`targets.${i}.text`, t.text) ?? t.text })),
    tasks: doc.tasks.map((t, i) => ({
      ...t,
      text: pick(`tasks.${i}.text`, t.text) ?? t.text,
      lead: pick(`tasks.${i}.lead`, t.lead),
    })),
    assignments: doc.assignments.map((a, i) => ({
      ...a,
      unit: pick(`assignments.${i}.unit`, a.unit) ?? a.unit,
      text: pick(`assignments.${i}.text`, a.text) ?? a.text,
    })),
  };
  return { doc: next, applied };
}

/** The label of a suggested field, as the editor names it ("Nhiệm vụ 2 · Đơn vị chủ trì"). */
export function restoredFieldLabel(t: TFunction, key: string): string {
  const [group, index, part] = key.split('.');
  const n = Number(index) + 1;
  switch (group) {
    case 'title':
      return t('review.field.title');
    case 'issuer':
      return t('review.field.issuer');
    case 'targets':
      return t('review.field.target', { n });
    case 'tasks':
      return part === 'lead'
        ? `${t('review.field.task', { n })} · ${t('review.field.lead')}`
        : t('review.field.task', { n });
    case 'assignments':
      return `${t('review.section.assignments')} ${n} · ${t(part === 'unit' ? 'review.field.assignmentUnit' : 'review.field.assignmentText')}`;
    default:
      return key;
  }
}
