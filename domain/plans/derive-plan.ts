import type { TUnitType } from '../../contracts/org.ts';
import type { TReportingFrequency } from '../../contracts/plan-extract.ts';
import type { TPlanContent } from '../../contracts/plans.ts';
import { addDays, formatDateVi } from '../dates.ts';

/** What derivation needs to know of the received plan. */
export interface ParentPlan extends TPlanContent {
  symbol: string | null;
  issuedOn: string | null;
  targetIds: number[];
}

export interface DeriveContext {
  unitName: string;
  unitShortName: string | null;
  /** The unit's own parent as of today (supervising body in the header). */
  supervisingName: string | null;
  /** The unit's own place name (địa danh), null when its names give none. */
  place: string | null;
  /** Types of the unit's own units today, to assign the plan down. */
  childTypes: TUnitType[];
  reportLeadDays: number;
  implementDeadline: string | null;
}

const KIND_NAMES: Record<string, string> = {
  KH: 'Kế hoạch',
  CT: 'Chỉ thị',
  NQ: 'Nghị quyết',
  CTr: 'Chương trình',
  HD: 'Hướng dẫn',
  CV: 'Công văn',
  QĐ: 'Quyết định',
  TB: 'Thông báo',
};

/** Plural names of unit types as Vietnamese documents write them in "Tổ chức thực hiện". */
export const UNIT_TYPE_GROUP_NAMES: Record<TUnitType, string> = {
  national: 'Tổng Liên đoàn',
  province: 'Các Liên đoàn Lao động tỉnh, thành phố',
  central_sector: 'Các Công đoàn ngành Trung ương',
  district: 'Các Liên đoàn Lao động quận, huyện',
  commune: 'Các Công đoàn xã, phường',
  sector: 'Các Công đoàn ngành',
  industrial_zone: 'Công đoàn các Khu công nghiệp',
  grassroots: 'Các công đoàn cơ sở',
};

function lowerFirst(text: string): string {
  return text ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "Thực hiện Kế hoạch số 72/KH-LĐLĐ ngày 10/5/2024 của …, X xây dựng kế hoạch thực hiện như sau:" */
export function preambleFor(parent: ParentPlan, unitName: string): string {
  const kind = KIND_NAMES[parent.kind] ?? 'Kế hoạch';
  const parts = [`Thực hiện ${kind}${parent.symbol ? ` số ${parent.symbol}` : ''}`];
  if (parent.issuedOn) parts.push(` ngày ${formatDateVi(parent.issuedOn)}`);
  if (parent.issuerName) parts.push(` của ${parent.issuerName}`);
  if (parent.title) parts.push(` về ${lowerFirst(parent.title.replace(/^(về|v\/v)\s+/i, ''))}`);
  return `${parts.join('')}, ${unitName} xây dựng kế hoạch thực hiện như sau:`;
}

/** A report date `lead` days before the parent's, in the same notation. */
export function earlierDue(frequency: TReportingFrequency, due: string | null, lead: number): string | null {
  if (due === null || lead === 0) return due;
  if (frequency === 'once' && /^\d{4}-\d{2}-\d{2}$/.test(due)) return addDays(due, -lead);
  if ((frequency === 'annual' || frequency === 'semiannual') && /^\d{2}-\d{2}$/.test(due)) {
    // A leap-free reference year keeps 29/02 out of the result.
    return addDays(`2023-${due}`, -lead).slice(5);
  }
  if ((frequency === 'monthly' || frequency === 'quarterly') && /^\d{2}$/.test(due)) {
    return String(Math.max(1, Number(due) - lead)).padStart(2, '0');
  }
  return due;
}

/** Derives a unit's implementing plan (a draft) from the plan it received. Pure. */
export function deriveImplementingPlan(parent: ParentPlan, ctx: DeriveContext): TPlanContent {
  const shortName = ctx.unitShortName ?? ctx.unitName;
  const childGroups = [...new Set(ctx.childTypes)];
  return {
    title: parent.title,
    kind: 'KH',
    yearFrom: parent.yearFrom,
    yearTo: parent.yearTo,
    issuerName: ctx.unitName,
    supervisingBody: ctx.supervisingName,
    place: ctx.place,
    preamble: preambleFor(parent, ctx.unitName),
    purposes: [...parent.purposes],
    funding: [...parent.funding],
    signer: null,
    implementDeadline: ctx.implementDeadline,
    targets: parent.targets.map((target, index) => ({
      text: target.text,
      milestones: target.milestones.map((m) => ({ ...m })),
      sourceTargetId: parent.targetIds[index] ?? null,
    })),
    tasks: parent.tasks.map((task) => ({
      text: task.text,
      leadText: null,
      leadUnitId: null,
      cooperating: [],
      deadline: task.deadline ?? null,
      status: 'not_started' as const,
      progressNote: null,
    })),
    assignments: childGroups.map((type) => ({
      unitText: UNIT_TYPE_GROUP_NAMES[type],
      unitId: null,
      unitType: type,
      text: `Căn cứ Kế hoạch này, xây dựng kế hoạch thực hiện phù hợp với tình hình thực tế của đơn vị; báo cáo kết quả về ${ctx.unitName} theo quy định.`,
    })),
    reporting: parent.reporting.map((duty) => ({
      frequency: duty.frequency,
      due: earlierDue(duty.frequency, duty.due, ctx.reportLeadDays),
      recipient: ctx.unitName,
    })),
    recipients: [
      ...(parent.issuerName ? [`${parent.issuerName} (để báo cáo)`] : []),
      ...childGroups.map((type) => `${UNIT_TYPE_GROUP_NAMES[type]} (để thực hiện)`),
      `Lưu: VT, ${shortName}`,
    ],
    events: parent.events.map((e) => ({ ...e })),
  };
}

export interface TargetWarning {
  field: string;
  message: string;
}

/** Warns where a derived target aims lower than the target it implements (higher is allowed). */
export function lowerTargetWarnings(
  targets: TPlanContent['targets'],
  sources: Map<number, TPlanContent['targets'][number]>,
): TargetWarning[] {
  const warnings: TargetWarning[] = [];
  targets.forEach((target, index) => {
    const source = target.sourceTargetId ? sources.get(target.sourceTargetId) : undefined;
    if (!source) return;
    for (const [m, milestone] of target.milestones.entries()) {
      const match = source.milestones.find((s) => s.year === milestone.year && s.unit === milestone.unit);
      if (!match) continue;
      const higherIsBetter = match.op === '>' || match.op === '>=' || match.op === '=';
      const lower = higherIsBetter ? milestone.value < match.value : milestone.value > match.value;
      if (lower) {
        warnings.push({
          field: `targets.${index}.milestones.${m}.value`,
          message: `Chỉ tiêu thấp hơn cấp trên (${match.value}${match.unit ?? ''}${match.year ? ` năm ${match.year}` : ''}).`,
        });
      }
    }
  });
  return warnings;
}
