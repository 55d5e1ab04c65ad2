import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { Actor } from '../services/actor.ts';
import type { OrgChangeService } from '../services/org-change.service.ts';

/**
 * The 2025 reorganisation of provinces (Nghị quyết 202/2025/QH15: 63 → 34 from 01/07/2025),
 * applied to the provincial labour federations. Source data and its verification:
 * resources/reference/provinces-2025.csv and provinces-2025.SOURCES.md.
 */
export const PROVINCES_CSV = fileURLToPath(
  new URL('../../resources/reference/provinces-2025.csv', import.meta.url),
);

export const NATIONAL_CODE = 'TLD';
/** The 63-province structure dates from the expansion of Hà Nội on 01/08/2008. */
export const PROVINCES_63_FROM = '2008-08-01';
export const MERGER_DATE = '2025-07-01';

export interface ProvinceRow {
  old_name: string;
  old_code: string;
  new_name: string;
  new_code: string;
  new_seat: string;
  effective_date: string;
}

export function readProvinceRows(path = PROVINCES_CSV): ProvinceRow[] {
  return parseCsv(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as ProvinceRow[];
}

/** "Thái Bình" → "Liên đoàn Lao động tỉnh Thái Bình"; cities keep "thành phố". */
export function federationName(province: string): { name: string; shortName: string } {
  const city = /^Thành phố /.exec(province);
  const bare = city ? province.slice('Thành phố '.length) : province;
  const name =
    bare === 'Hồ Chí Minh'
      ? 'Liên đoàn Lao động Thành phố Hồ Chí Minh'
      : `Liên đoàn Lao động ${city ? 'thành phố' : 'tỉnh'} ${bare}`;
  return { name, shortName: `LĐLĐ ${bare === 'Hồ Chí Minh' ? 'TP. Hồ Chí Minh' : bare}` };
}

export const oldProvinceCode = (oldCode: string) => `LDLD-${oldCode}`;
export const newProvinceCode = (row: { new_code: string }, merged: boolean) =>
  merged ? `LDLD-${row.new_code}-2025` : `LDLD-${row.new_code}`;

/** Loads the national federation, the 63 provincial federations and the 2025 mergers. Idempotent. */
export async function loadProvinceReference(
  org: OrgChangeService,
  orgRepository: OrgRepository,
  actor: Actor,
): Promise<{ created: number }> {
  const rows = readProvinceRows();
  let created = 0;
  let national = await orgRepository.findUnitByCode(NATIONAL_CODE);
  if (!national) {
    await org.create(actor, {
      code: NATIONAL_CODE,
      name: 'Tổng Liên đoàn Lao động Việt Nam',
      shortName: 'Tổng LĐLĐ Việt Nam',
      type: 'national',
      parentId: null,
      effectiveDate: '1929-07-28',
    });
    national = await orgRepository.findUnitByCode(NATIONAL_CODE);
    created++;
  }
  const oldIds = new Map<string, number>();
  for (const row of rows) {
    const code = oldProvinceCode(row.old_code);
    const existing = await orgRepository.findUnitByCode(code);
    if (existing) {
      oldIds.set(row.old_code, existing.id);
      continue;
    }
    const names = federationName(row.old_name);
    const detail = await org.create(actor, {
      code,
      ...names,
      type: 'province',
      parentId: national!.id,
      effectiveDate: PROVINCES_63_FROM,
    });
    oldIds.set(row.old_code, detail.id);
    created++;
  }
  const groups = new Map<string, ProvinceRow[]>();
  for (const row of rows) groups.set(row.new_code, [...(groups.get(row.new_code) ?? []), row]);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const first = members[0]!;
    const code = newProvinceCode(first, true);
    if (await orgRepository.findUnitByCode(code)) continue;
    await org.merge(actor, {
      sourceIds: members.map((m) => oldIds.get(m.old_code)!),
      into: { code, ...federationName(first.new_name), type: 'province', parentId: national!.id },
      effectiveDate: first.effective_date,
      moveChildren: true,
      note: `Nghị quyết 202/2025/QH15: hợp nhất ${members.map((m) => m.old_name).join(', ')} thành ${first.new_name}`,
    });
    created++;
  }
  return { created };
}
