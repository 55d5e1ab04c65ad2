import ExcelJS from 'exceljs';
import {
  ROSTER_PURPOSE,
  type TRosterImportResult,
  type TRosterList,
  type TRosterPerson,
  type TRosterPersonInput,
  type TRosterPersonUpdate,
  type TRosterQuery,
} from '../../contracts/rosters.ts';
import { foldText } from '../../domain/fold-text.ts';
import {
  ROSTER_CATEGORY_LABELS,
  ROSTER_COLUMNS,
  rosterPersonKey,
  rosterRowsOfSheet,
  validateRosterRows,
} from '../../domain/rosters/roster-rows.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import type { Locale } from '../i18n/messages.ts';
import { nounRef } from '../i18n/messages.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { RosterPersonRow, RosterRepository } from '../repositories/roster.repository.ts';
import type { SpreadsheetReader, SpreadsheetSource } from '../workers/spreadsheet-reader.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

/** A roster row as the API answers it. */
export function toRosterPerson(row: RosterPersonRow): TRosterPerson {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    category: row.category as TRosterPerson['category'],
    fullName: row.fullName,
    sex: row.sex as TRosterPerson['sex'],
    birthYear: row.birthYear,
    position: row.position,
    validFrom: row.validFrom,
    validTo: row.validTo,
    version: row.version,
  };
}

/**
 * What the audit keeps of a person: the post, never the name, sex or birth year — so a person
 * deleted on request (Decree 13/2023/NĐ-CP) leaves no personal data behind in the trail.
 */
function auditedPost(p: {
  unitId: number;
  category: string;
  position: string | null;
  validFrom: string;
  validTo: string | null;
}) {
  return {
    unitId: p.unitId,
    category: p.category,
    position: p.position,
    validFrom: p.validFrom,
    validTo: p.validTo,
  };
}

const TEMPLATE_SHEET = 'Danh sách';

/**
 * Rosters: the people a unit counts (key cadres, women's-affairs cadres, committee members). Personal
 * data: read and written by officers and above of the unit or above it (the access policy's `edit`
 * action), exported and deleted by managers (`manage`); every read audited (`roster.read`).
 */
export class RosterService {
  constructor(
    private readonly database: Database,
    private readonly rosters: RosterRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    /** Parses an uploaded roster in a worker process (`readWorkbookRows`), never in the server's. */
    private readonly spreadsheets: SpreadsheetReader,
  ) {}

  async list(actor: Actor, query: TRosterQuery, locale: Locale): Promise<TRosterList> {
    await this.access.assertMayAct(actor, 'edit', query.unitId);
    const people = await this.read(query);
    await this.audit.record(actor, 'roster.read', 'roster', query.unitId, null, {
      category: query.category ?? null,
      on: query.on ?? null,
      subtree: query.subtree === 'true',
      people: people.length,
    });
    return { people: people.map(toRosterPerson), purpose: ROSTER_PURPOSE[locale] };
  }

  private async read(query: TRosterQuery): Promise<RosterPersonRow[]> {
    const today = this.access.today();
    const unitIds =
      query.subtree === 'true' ? (await this.org.tree(today, query.unitId)).map((u) => u.id) : [query.unitId];
    return this.rosters.people(unitIds.length > 0 ? unitIds : [query.unitId], query, today);
  }

  async create(actor: Actor, input: TRosterPersonInput): Promise<TRosterPerson> {
    await this.access.assertMayAct(actor, 'edit', input.unitId);
    const key = rosterPersonKey(input.category, input.fullName, input.birthYear);
    const onRoster = await this.rosters.people(
      [input.unitId],
      { category: input.category },
      this.access.today(),
    );
    if (
      onRoster.some(
        (p) =>
          rosterPersonKey(p.category, p.fullName, p.birthYear) === key &&
          (p.validTo === null || p.validTo >= input.validFrom),
      )
    )
      throw new AppError(
        409,
        'duplicate',
        { field: nounRef('roster_person'), value: input.fullName },
        'fullName',
      );
    const id = await this.database.transaction(async () => {
      const [created] = await this.rosters.insertPeople([this.rowOf(input, actor)]);
      await this.audit.record(actor, 'roster.create', 'roster_person', created!, null, auditedPost(input));
      return created!;
    });
    return this.one(id);
  }

  async update(actor: Actor, id: number, input: TRosterPersonUpdate): Promise<TRosterPerson> {
    const before = await this.rosters.person(id);
    if (!before) throw notFound('roster_person');
    await this.access.assertMayAct(actor, 'edit', before.unitId);
    if (input.unitId !== before.unitId) await this.access.assertMayAct(actor, 'edit', input.unitId);
    await this.database.transaction(async () => {
      const { createdBy: _, ...values } = this.rowOf(input, actor);
      if (!(await this.rosters.updatePerson(id, input.version, values)))
        throw versionConflict({ version: before.version });
      const changed = (['fullName', 'sex', 'birthYear'] as const).filter((k) => before[k] !== input[k]);
      await this.audit.record(actor, 'roster.update', 'roster_person', id, auditedPost(before), {
        ...auditedPost(input),
        personalFieldsChanged: changed,
      });
    });
    return this.one(id);
  }

  /** Deletion on request: the person and their attendance are gone; the audit keeps who asked why. */
  async remove(actor: Actor, id: number, reason: string, version: number): Promise<void> {
    const before = await this.rosters.person(id);
    if (!before) throw notFound('roster_person');
    await this.access.assertMayAct(actor, 'manage', before.unitId);
    await this.database.transaction(async () => {
      if (!(await this.rosters.deletePerson(id, version))) throw versionConflict({ version: before.version });
      await this.audit.record(actor, 'roster.delete', 'roster_person', id, auditedPost(before), { reason });
    });
  }

  private async one(id: number): Promise<TRosterPerson> {
    const [row] = await this.rosters.peopleByIds([id], this.access.today());
    if (!row) throw notFound('roster_person');
    return toRosterPerson(row);
  }

  private rowOf(input: TRosterPersonInput, actor: Actor) {
    return {
      unitId: input.unitId,
      category: input.category,
      fullName: input.fullName,
      fullNameFolded: foldText(input.fullName),
      sex: input.sex,
      birthYear: input.birthYear,
      position: input.position || null,
      validFrom: input.validFrom,
      validTo: input.validTo,
      createdBy: actor.userId,
    };
  }

  // ----- Excel ------------------------------------------------------------------------------

  /** The import template (no personal data): the columns, one example row to overwrite. */
  async template(): Promise<{ data: Buffer; fileName: string }> {
    return { data: await this.workbook([]), fileName: 'Mẫu danh sách cán bộ.xlsx' };
  }

  /** The unit's roster as the template (managers only; audited as a read and an export). */
  async export(actor: Actor, unitId: number): Promise<{ data: Buffer; fileName: string }> {
    await this.access.assertMayAct(actor, 'manage', unitId);
    const people = await this.read({ unitId, subtree: 'false' });
    await this.audit.record(actor, 'roster.export', 'roster', unitId, null, { people: people.length });
    const unit = await this.org.unitAsOf(unitId, this.access.today());
    return { data: await this.workbook(people), fileName: `Danh sách cán bộ - ${unit?.name ?? unitId}.xlsx` };
  }

  private async workbook(people: RosterPersonRow[]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(TEMPLATE_SHEET);
    sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    const day = (iso: string | null) =>
      iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
    for (const p of people) {
      sheet.addRow({
        fullName: p.fullName,
        sex: p.sex === 'female' ? 'Nữ' : 'Nam',
        birthYear: p.birthYear ?? '',
        position: p.position ?? '',
        category: ROSTER_CATEGORY_LABELS[p.category as keyof typeof ROSTER_CATEGORY_LABELS],
        validFrom: day(p.validFrom),
        validTo: day(p.validTo),
      });
    }
    // every cell text, so dates and years are read back as typed
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cell.numFmt = '@';
      });
    });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /**
   * Reads a filled template into the unit's roster: every bad cell named; with `commit` and no
   * error, every row is added in one transaction (all or nothing).
   */
  async import(
    actor: Actor,
    unitId: number,
    file: SpreadsheetSource,
    commit: boolean,
  ): Promise<TRosterImportResult> {
    await this.access.assertMayAct(actor, 'edit', unitId);
    // THE parse of an uploaded spreadsheet, in a worker process with memory and time limits
    const sheets = await this.spreadsheets.workbook(
      file,
      () =>
        new AppError(
          415,
          'unsupported_file',
          { expected: 'XLSX (mẫu danh sách cán bộ của Tiến Độ)' },
          'file',
        ),
    );
    const sheet = sheets.find((s) => s.name === TEMPLATE_SHEET) ?? sheets[0];
    if (!sheet)
      throw new AppError(
        400,
        'validation',
        { field: 'file', detail: nounRef('workbook_without_sheet') },
        'file',
      );
    const raw = rosterRowsOfSheet(sheet.rows);
    if (raw === null)
      throw new AppError(
        400,
        'validation',
        { field: 'file', detail: nounRef('roster_template_header') },
        'file',
      );
    const existing = new Set(
      (await this.rosters.people([unitId], { on: this.access.today() }, this.access.today())).map((p) =>
        rosterPersonKey(p.category, p.fullName, p.birthYear),
      ),
    );
    const { rows, errors } = validateRosterRows(raw, Number(this.access.today().slice(0, 4)), existing);
    if (!commit || errors.length > 0 || rows.length === 0)
      return { applied: false, people: rows.length, errors };
    await this.database.transaction(async () => {
      await this.rosters.insertPeople(rows.map((r) => this.rowOf({ unitId, ...r }, actor)));
      await this.audit.record(actor, 'roster.import', 'roster', unitId, null, { people: rows.length });
    });
    return { applied: true, people: rows.length, errors: [] };
  }
}
