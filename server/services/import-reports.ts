import { isEditable } from '../../domain/reporting/report-states.ts';
import { AppError } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { PeriodRow, ScheduleRow } from '../repositories/sql/report-rows.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';

/**
 * The reports a file import writes (the Excel template, a DHIS2 file), opened inside its
 * transaction in one statement, each due as the schedule says for its unit's depth. The file was
 * checked against the reports as they were read; a report sent since then is no longer open to
 * changes and refuses the whole import (409), so nothing sent is ever overwritten.
 */
export async function openReportsForImport(
  reporting: ReportingRepository,
  schedules: Pick<ReportScheduleService, 'dueFor'>,
  target: { period: PeriodRow; schedule: ScheduleRow; formVersionId: number },
  rows: readonly { unitId: number; depth: number }[],
) {
  const { period, schedule } = target;
  const ensured = await reporting.bulkEnsureReports(
    rows.map((r) => ({
      periodId: period.id,
      unitId: r.unitId,
      formVersionId: target.formVersionId,
      dueOn: schedules.dueFor(period, schedule, r.depth),
      isDemo: schedule.isDemo,
    })),
  );
  const byUnit = new Map(ensured.map((r) => [r.unitId, r]));
  if (rows.some((r) => !isEditable(byUnit.get(r.unitId)!.status)))
    throw new AppError(
      409,
      'validation',
      { field: 'status', detail: nounRef('report_sent_during_import') },
      'status',
    );
  return byUnit;
}
