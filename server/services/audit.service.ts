import ExcelJS from 'exceljs';
import type { TAuditFilter, TAuditPage } from '../../contracts/audit.ts';
import { auditActionName } from '../../domain/audit-actions.ts';
import { auditChangesText } from '../../domain/audit-diff.ts';
import { toIsoTimestamp } from '../../domain/dates.ts';
import {
  type AuditEntry,
  type AuditFilter,
  type AuditRepository,
  type AuditRowParams,
  auditRowParams,
} from '../repositories/audit.repository.ts';
import type { Actor } from './actor.ts';

/** Most entries one export holds (a narrower filter gets the rest). */
export const AUDIT_EXPORT_MAX = 10_000;

/** "22/11/2026 14:05:09" in Vietnam's time (UTC+7). */
function entryOf(
  actor: Actor,
  action: string,
  objectType: string,
  objectId: string | number | null,
  before: unknown,
  after: unknown,
): AuditEntry {
  return { userId: actor.userId, ip: actor.ip, action, objectType, objectId, before, after };
}

/**
 * Writes one audit record per mutation, inside the mutation's own transaction; reads it back
 * for administrators (browse and export). There is no way to change or remove a record.
 */
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  record(
    actor: Actor,
    action: string,
    objectType: string,
    objectId: string | number | null,
    before: unknown,
    after: unknown,
  ) {
    return this.audit.append(entryOf(actor, action, objectType, objectId, before, after));
  }

  /**
   * The row `record` would write, as parameters for a statement that writes a change and its
   * audit row together (`auditInsertFrom`); `before` may be left to the statement.
   */
  row(
    actor: Actor,
    action: string,
    objectType: string,
    objectId: string | number | null,
    before: unknown,
    after: unknown,
  ): AuditRowParams {
    return auditRowParams(entryOf(actor, action, objectType, objectId, before, after));
  }

  /** Entries newest first, timestamps in ISO. */
  async list(filter: AuditFilter) {
    return (await this.audit.list(filter)).map((entry) => ({ ...entry, at: toIsoTimestamp(entry.at) }));
  }

  /** One page, and where the next (older) one starts. */
  async page(filter: AuditFilter): Promise<TAuditPage> {
    const rows = await this.list({ ...filter, limit: filter.limit + 1 });
    const entries = rows.slice(0, filter.limit);
    return {
      entries,
      nextBeforeId: rows.length > filter.limit ? (entries[entries.length - 1]?.id ?? null) : null,
    };
  }

  /** The filtered entries (newest first, at most AUDIT_EXPORT_MAX) as a workbook. */
  async exportXlsx(filter: TAuditFilter): Promise<{ data: Buffer; fileName: string; rows: number }> {
    const entries = await this.list({ ...filter, limit: AUDIT_EXPORT_MAX });
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Tiến Độ';
    const sheet = workbook.addWorksheet('Nhật ký', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: 'Mã', key: 'id', width: 10 },
      { header: 'Thời điểm (giờ Việt Nam)', key: 'at', width: 22 },
      { header: 'Người thực hiện', key: 'user', width: 26 },
      { header: 'Địa chỉ IP', key: 'ip', width: 16 },
      { header: 'Hành động', key: 'action', width: 32 },
      { header: 'Mã hành động', key: 'actionCode', width: 22 },
      { header: 'Loại đối tượng', key: 'objectType', width: 18 },
      { header: 'Mã đối tượng', key: 'objectId', width: 14 },
      { header: 'Thay đổi', key: 'changes', width: 70 },
      { header: 'Trước (JSON)', key: 'before', width: 40 },
      { header: 'Sau (JSON)', key: 'after', width: 40 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const e of entries) {
      sheet.addRow({
        id: e.id,
        // a real date cell, in Vietnam's time (the sheet's clock has no zone)
        at: new Date(Date.parse(e.at) + 7 * 3_600_000),
        user: e.username
          ? `${e.displayName ?? e.username} (${e.username})`
          : e.userId === null
            ? 'Hệ thống'
            : `#${e.userId}`,
        ip: e.ip ?? '',
        action: auditActionName(e.action),
        actionCode: e.action,
        objectType: e.objectType,
        objectId: e.objectId ?? '',
        changes: auditChangesText(e.before, e.after),
        before: e.before === null || e.before === undefined ? '' : JSON.stringify(e.before).slice(0, 32_000),
        after: e.after === null || e.after === undefined ? '' : JSON.stringify(e.after).slice(0, 32_000),
      });
    }
    sheet.getColumn('at').numFmt = 'dd/mm/yyyy hh:mm:ss';
    sheet.getColumn('changes').alignment = { wrapText: true, vertical: 'top' };
    const day = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    return {
      data: Buffer.from(await workbook.xlsx.writeBuffer()),
      fileName: `nhat-ky-${day}.xlsx`,
      rows: entries.length,
    };
  }
}
