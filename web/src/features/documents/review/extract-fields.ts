import type { TFunction } from 'i18next';
import type { TExtractedDocument } from '../../../../../contracts/plan-extract.ts';
import { dueShape } from '../../../lib/plan-text.ts';
import {
  dateNeedles,
  type FoldedSource,
  findAnyInSource,
  type SourceSpan,
} from '../../../lib/source-spans.ts';

/** Every extracted string worth finding in the source, by field key (`targets.0.text`). */
export function fieldNeedles(doc: TExtractedDocument): Map<string, string[]> {
  const needles = new Map<string, string[]>();
  const add = (key: string, value: string | null | undefined) => {
    if (value && value.trim().length >= 2) needles.set(key, [value]);
  };
  add('symbol', doc.symbol);
  add('title', doc.title);
  add('issuer', doc.issuer);
  add('place', doc.place);
  if (doc.date) needles.set('date', dateNeedles(doc.date));
  doc.addressees.forEach((a, i) => {
    add(`addressees.${i}`, a);
  });
  add('signer.on_behalf_of', doc.signer?.on_behalf_of);
  add('signer.title', doc.signer?.title);
  add('signer.name', doc.signer?.name);
  doc.references.forEach((r, i) => {
    add(`references.${i}.symbol`, r.symbol);
  });
  doc.targets.forEach((target, i) => {
    add(`targets.${i}.text`, target.text);
  });
  doc.tasks.forEach((task, i) => {
    add(`tasks.${i}.text`, task.text);
    add(`tasks.${i}.lead`, task.lead);
  });
  doc.assignments.forEach((a, i) => {
    add(`assignments.${i}.unit`, a.unit);
  });
  doc.recipients.forEach((r, i) => {
    add(`recipients.${i}`, r);
  });
  doc.events.forEach((e, i) => {
    add(`events.${i}.name`, e.name);
  });
  return needles;
}

export function findFieldSpans(source: FoldedSource, doc: TExtractedDocument): Map<string, SourceSpan> {
  const spans = new Map<string, SourceSpan>();
  for (const [key, needles] of fieldNeedles(doc)) {
    const span = findAnyInSource(source, needles);
    if (span) spans.set(key, span);
  }
  return spans;
}

/** Why each doubtful field needs a look: empty, not found in the source, a date not read. */
export function findUncertainties(
  t: TFunction,
  doc: TExtractedDocument,
  spans: ReadonlyMap<string, SourceSpan>,
  hasSource: boolean,
): Map<string, string> {
  const doubts = new Map<string, string>();
  const empty = t('review.reason.empty');
  const notFound = t('review.reason.notFound');
  const checkText = (key: string, value: string | null | undefined, required = true) => {
    if (!value || value.trim() === '') {
      if (required) doubts.set(key, empty);
    } else if (hasSource && !spans.has(key)) doubts.set(key, notFound);
  };
  if (!doc.kind) doubts.set('kind', empty);
  checkText('symbol', doc.symbol);
  checkText('title', doc.title);
  checkText('issuer', doc.issuer);
  checkText('place', doc.place);
  if (!doc.date) doubts.set('date', t('review.reason.date'));
  else if (hasSource && !spans.has('date')) doubts.set('date', notFound);
  doc.addressees.forEach((a, i) => {
    checkText(`addressees.${i}`, a);
  });
  if (!doc.signer) doubts.set('signer', empty);
  else {
    if (!doc.signer.authority) doubts.set('signer.authority', empty);
    checkText('signer.on_behalf_of', doc.signer.on_behalf_of);
    checkText('signer.title', doc.signer.title);
    checkText('signer.name', doc.signer.name);
  }
  doc.references.forEach((r, i) => {
    checkText(`references.${i}.symbol`, r.symbol);
    if (!r.date) doubts.set(`references.${i}.date`, t('review.reason.date'));
  });
  doc.targets.forEach((target, i) => {
    checkText(`targets.${i}.text`, target.text);
    if (target.milestones.length === 0) doubts.set(`targets.${i}.milestones`, t('review.reason.noMilestone'));
  });
  doc.tasks.forEach((task, i) => {
    checkText(`tasks.${i}.text`, task.text);
    checkText(`tasks.${i}.lead`, task.lead, false);
  });
  doc.assignments.forEach((a, i) => {
    checkText(`assignments.${i}.unit`, a.unit);
  });
  doc.reporting.forEach((r, i) => {
    if (r.due === null && dueShape(r.frequency) !== 'none')
      doubts.set(`reporting.${i}.due`, t('review.reason.date'));
  });
  doc.recipients.forEach((r, i) => {
    checkText(`recipients.${i}`, r);
  });
  doc.events.forEach((e, i) => {
    checkText(`events.${i}.name`, e.name);
    if (!e.start) doubts.set(`events.${i}.start`, t('review.reason.date'));
  });
  return doubts;
}
