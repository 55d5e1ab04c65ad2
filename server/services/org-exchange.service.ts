import { stringify as stringifyCsv } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ORG_CSV_COLUMNS, type TOrgImportResult } from '../../contracts/org.ts';
import { neutraliseCsvCell, UTF8_BOM } from '../../domain/csv-cell.ts';
import { type OrgRow, type RowError, validateOrgRows } from '../../domain/org/org-rows.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { translate } from '../i18n/messages.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { OrgChangeRepository } from '../repositories/org-change.repository.ts';
import type { SpreadsheetReader, SpreadsheetSource } from '../workers/spreadsheet-reader.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { OrgChangeService } from './org-change.service.ts';

export type ExchangeFormat = 'csv' | 'xlsx';

/** A row refused while being written: the import is rolled back and answers with this row's error. */
class RowRefused extends Error {
  constructor(readonly rowError: RowError) {
    super(rowError.message);
  }
}

/** The file's column for a field a service names. */
const IMPORT_FIELDS: Record<string, string> = {
  parentId: 'parent_code',
  effectiveDate: 'valid_from',
  code: 'code',
  name: 'name',
};

/** Import and export of the organisation in the `code,name,type,parent_code,valid_from,valid_to` format. */
export class OrgExchangeService {
  constructor(
    private readonly database: Database,
    private readonly org: OrgRepository,
    private readonly writes: OrgChangeRepository,
    private readonly orgChange: OrgChangeService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    /** Parses the uploaded file in a worker process (`readOrgFile`), never in the server's. */
    private readonly spreadsheets: SpreadsheetReader,
  ) {}

  /**
   * All or nothing: any bad row and nothing is saved; the errors name row and field. The file (its
   * bytes, or an upload on disk) is parsed in a worker process with memory and time limits.
   */
  async import(
    actor: Actor,
    file: SpreadsheetSource,
    options: { isDemo?: boolean } = {},
  ): Promise<TOrgImportResult> {
    this.access.assertActionRole(actor, 'manage');
    const raw = await this.spreadsheets.orgFile(
      file,
      () => new AppError(400, 'unsupported_file', { expected: 'CSV hoặc XLSX' }, 'file'),
    );
    const parentCodes = [...new Set(raw.map((r) => (r.parent_code ?? '').trim()).filter(Boolean))];
    const codes = [...new Set(raw.map((r) => (r.code ?? '').trim()).filter(Boolean))];
    const known = await this.org.unitIdsByCodes([...parentCodes, ...codes]);
    const { rows, errors } = validateOrgRows(raw, new Set(known.keys()));
    if (errors.length > 0) return { applied: false, created: 0, updated: 0, unchanged: 0, errors };
    // Every parent already in the database must be inside the caller's organisation.
    for (const code of parentCodes) {
      const id = known.get(code);
      if (id !== undefined) await this.access.assertUnitAccess(actor, id);
    }
    if (actor.homeUnitId !== null && rows.some((r) => r.parentCode === null))
      this.access.assertRole(actor, 'admin');

    try {
      return await this.database.transaction(() => this.applyRows(actor, rows, known, options));
    } catch (error) {
      if (error instanceof RowRefused)
        return { applied: false, created: 0, updated: 0, unchanged: 0, errors: [error.rowError] };
      throw error;
    }
  }

  /**
   * Writes the checked rows (inside the import's transaction, which is its own: the callers open
   * none). A row the organisation's rules refuse (a unit that would sit under itself, a date it
   * did not exist) ends the import as `RowRefused`, naming the row: everything is rolled back.
   */
  private async applyRows(
    actor: Actor,
    rows: OrgRow[],
    known: Map<string, number>,
    options: { isDemo?: boolean },
  ): Promise<TOrgImportResult> {
    await this.writes.lockTree();
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const ids = new Map(known);
    const today = this.access.today();
    for (const row of rows) {
      try {
        const outcome = await this.applyRow(actor, row, ids, today, options);
        if (outcome === 'created') created++;
        else if (outcome === 'updated') updated++;
        else unchanged++;
      } catch (error) {
        if (error instanceof AppError && (error.status === 400 || error.status === 409))
          throw new RowRefused({
            row: row.line,
            field: IMPORT_FIELDS[error.field ?? ''] ?? 'code',
            message: translate(error.key, 'vi', error.params),
          });
        throw error;
      }
    }
    const eventId = await this.writes.insertEvent(
      'import',
      today,
      `${created} mới, ${updated} cập nhật`,
      actor.userId,
    );
    for (const id of ids.values())
      await this.writes.linkEventUnit(eventId, id, 'imported').catch(() => undefined);
    await this.audit.record(actor, 'org.import', 'org_import', eventId, null, {
      created,
      updated,
      unchanged,
      rows: rows.length,
    });
    return { applied: true, created, updated, unchanged, errors: [] };
  }

  /** One row: a new unit, or an existing one renamed, moved or closed as the file says. */
  private async applyRow(
    actor: Actor,
    row: OrgRow,
    ids: Map<string, number>,
    today: string,
    options: { isDemo?: boolean },
  ): Promise<'created' | 'updated' | 'unchanged'> {
    const parentId = row.parentCode ? ids.get(row.parentCode)! : null;
    const existingId = ids.get(row.code);
    if (existingId === undefined) {
      const id = await this.orgChange.insertNewUnit(
        { code: row.code, name: row.name, type: row.type, parentId },
        row.validFrom,
        options.isDemo ?? false,
      );
      if (row.validTo) await this.writes.closeUnit(id, row.validTo);
      await this.orgChange.structureChanged(row.validFrom, 'org.import');
      ids.set(row.code, id);
      return 'created';
    }
    await this.access.assertUnitAccess(actor, existingId);
    const current = await this.org.unitAsOf(existingId, today);
    const unit = await this.org.findUnit(existingId);
    let changed = false;
    if (current && unit && unit.validTo === null) {
      const effective = row.validFrom > current.validFrom ? row.validFrom : today;
      if (current.name !== row.name) {
        await this.orgChange.rename(actor, existingId, {
          name: row.name,
          effectiveDate: effective,
          version: unit.version,
        });
        changed = true;
      }
      const fresh = await this.org.findUnit(existingId);
      if (parentId !== null && current.parentId !== parentId) {
        await this.orgChange.move(actor, existingId, {
          parentId,
          effectiveDate: effective,
          version: fresh!.version,
        });
        changed = true;
      }
      if (row.validTo) {
        await this.writes.closeUnit(existingId, row.validTo);
        await this.orgChange.structureChanged(row.validTo, 'org.import');
        changed = true;
      }
    }
    return changed ? 'updated' : 'unchanged';
  }

  async export(
    actor: Actor,
    format: ExchangeFormat,
    date: string | null,
  ): Promise<{ data: Buffer; contentType: string; fileName: string }> {
    this.access.assertActionRole(actor, 'see');
    let records = await this.org.allUnitsForExport(date);
    if (actor.homeUnitId !== null) {
      const visible = new Set(
        (await this.org.tree(date ?? this.access.today(), actor.homeUnitId)).map((u) => u.code),
      );
      records = records.filter((r) => visible.has(r.code));
    }
    const stamp = date ?? this.access.today();
    if (format === 'csv') {
      // Formula-looking cells neutralised; the BOM makes Excel read the Vietnamese as UTF-8.
      const text = stringifyCsv(records, {
        header: true,
        columns: [...ORG_CSV_COLUMNS],
        cast: { string: neutraliseCsvCell },
      });
      return {
        data: Buffer.from(UTF8_BOM + text, 'utf8'),
        contentType: 'text/csv; charset=utf-8',
        fileName: `to-chuc-${stamp}.csv`,
      };
    }
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tổ chức');
    sheet.columns = ORG_CSV_COLUMNS.map((key) => ({ header: key, key, width: key === 'name' ? 50 : 16 }));
    sheet.getRow(1).font = { bold: true };
    for (const record of records) sheet.addRow(record);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    return {
      data,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `to-chuc-${stamp}.xlsx`,
    };
  }
}
