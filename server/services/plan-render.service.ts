import type { TEvent } from '../../contracts/plan-extract.ts';
import type { TPlan } from '../../contracts/plans.ts';
import type { PlanForRender } from '../../documents/render/plan-for-render.ts';
import {
  convertDocxToPdf,
  LibreOfficeMissingError,
  PdfRenderBusyError,
  PdfRenderTimeoutError,
} from '../../documents/render/render-pdf.ts';
import { renderPlanDocx } from '../../documents/render/render-plan.docx.ts';
import { formatDateVi } from '../../domain/dates.ts';
import { paperFileName } from '../../domain/plans/paper-file-name.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { PlanService } from './plan.service.ts';

/**
 * A stored plan in the renderer's terms: only what the plan holds, nothing invented. A draft
 * without a number is printed as one (`draft`: the issuer's symbol suffix and the year).
 */
export function planForRender(plan: TPlan, draft: PlanForRender['draft'] = null): PlanForRender {
  return {
    draft: plan.status === 'draft' && !plan.symbol ? draft : null,
    kind: plan.kind,
    symbol: plan.symbol,
    issuer: plan.issuerName,
    place: plan.place,
    date: plan.issuedOn,
    title: plan.title,
    addressees: [],
    signer: plan.signer,
    references: [],
    targets: plan.targets.map((t) => ({ text: t.text, milestones: t.milestones })),
    tasks: plan.tasks.map((t) => ({ text: t.text, deadline: t.deadline ?? null, lead: t.leadText ?? null })),
    assignments: plan.assignments.map((a) => ({ unit: a.unitText, text: a.text })),
    reporting: plan.reporting.map((r) => ({ frequency: r.frequency, due: r.due, to: r.recipient })),
    recipients: plan.recipients,
    events: plan.events.flatMap((e): TEvent[] => {
      // A lunar day is written as such, with the solar days it falls on in the plan's years.
      if (e.calendar === 'lunar') return [{ name: lunarEventText(e), start: null, end: null }];
      if (!/^\d{2}-\d{2}$/.test(e.start)) return [];
      return [{ name: e.name, start: e.start, end: e.end && /^\d{2}-\d{2}$/.test(e.end) ? e.end : null }];
    }),
    supervisingBody: plan.supervisingBody,
    preamble: plan.preamble,
    purposes: plan.purposes,
    fundingText: plan.funding.length ? plan.funding.join('\n') : null,
  };
}

const dayMonthOf = (value: string) => {
  const [d, m] = value.split('-').reverse();
  return `${Number(d)}/${Number(m)}`;
};

/** "Tết Trung thu ngày 15/8 âm lịch (năm 2025: ngày 06/10/2025)". */
export function lunarEventText(e: TPlan['events'][number]): string {
  const name = e.name.replace(/[.;:,\s]+$/u, '');
  const lunar =
    e.end && e.end !== e.start
      ? `từ ngày ${dayMonthOf(e.start)} đến ngày ${dayMonthOf(e.end)} âm lịch`
      : `ngày ${dayMonthOf(e.start)} âm lịch`;
  const solar = e.occurrences
    .map((o) =>
      o.end && o.end !== o.start
        ? `năm ${o.year}: từ ngày ${formatDateVi(o.start)} đến ngày ${formatDateVi(o.end)}`
        : `năm ${o.year}: ngày ${formatDateVi(o.start)}`,
    )
    .join('; ');
  return solar ? `${name} ${lunar} (${solar})` : `${name} ${lunar}`;
}

/** File name of a plan's paper: "Kế hoạch 72-KH-LĐLĐ - Liên đoàn Lao động tỉnh Lai Châu.docx". */
export function planFileName(plan: TPlan, extension: 'docx' | 'pdf'): string {
  return paperFileName({
    what: 'Kế hoạch',
    symbol: plan.symbol,
    issuer: plan.issuerName ?? plan.unitName,
    instead: `dự thảo ${plan.id}`,
    extension,
  });
}

/** Official DOCX and PDF of stored plans. */
export class PlanRenderService {
  constructor(private readonly plans: PlanService) {}

  async docx(actor: Actor, planId: number): Promise<{ data: Buffer; fileName: string }> {
    const plan = await this.plans.get(actor, planId);
    const data = await renderPlanDocx(await this.renderable(plan), { creator: 'Tiến Độ' });
    return { data, fileName: planFileName(plan, 'docx') };
  }

  async pdf(actor: Actor, planId: number): Promise<{ data: Buffer; fileName: string }> {
    const plan = await this.plans.get(actor, planId);
    const docx = await renderPlanDocx(await this.renderable(plan), { creator: 'Tiến Độ' });
    try {
      return { data: await convertDocxToPdf(docx), fileName: planFileName(plan, 'pdf') };
    } catch (error) {
      if (error instanceof LibreOfficeMissingError) {
        throw new AppError(503, 'pdf_unavailable');
      }
      if (error instanceof PdfRenderBusyError) {
        const { running, queued, limit } = error;
        throw new AppError(503, 'pdf_busy', { running, queued, limit }, null, { retryAfter: 30 });
      }
      if (error instanceof PdfRenderTimeoutError) {
        throw new AppError(503, 'pdf_timeout', { seconds: error.seconds });
      }
      throw error;
    }
  }

  /** The plan as printed: a draft with its issuer's "Số:      /KH-CĐ" and this year. */
  private async renderable(plan: TPlan): Promise<PlanForRender> {
    if (plan.status !== 'draft') return planForRender(plan);
    return planForRender(plan, await this.plans.draftNumbering(plan));
  }
}
