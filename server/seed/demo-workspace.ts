import type { TRole } from '../../contracts/auth.ts';
import type { TUnitType } from '../../contracts/org.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { hashPassword } from '../services/password.ts';
import type { Services } from '../services/services.ts';
import { loadDemoPlans } from './demo-plans.ts';
import { loadDemoReports } from './demo-reports.ts';
import {
  federationName,
  loadProvinceReference,
  MERGER_DATE,
  newProvinceCode,
  oldProvinceCode,
  PROVINCES_63_FROM,
  readProvinceRows,
} from './reference-provinces.ts';

/**
 * The demo workspace: the real provincial structure and its 2025 mergers, plus synthetic
 * district, commune and grassroots unions in five provinces. Every synthetic unit is marked
 * `is_demo`, and the workspace flag `demo` makes the UI show "Dữ liệu mẫu".
 */
export const DEMO_PASSWORD = 'tiendo-demo-2025';

/** The five provinces (by their 2025 code) where the demo places its lower levels. */
const DEMO_PROVINCES = ['33', '12', '66', '91', '86'] as const;

const COMMUNES: Record<string, string[]> = {
  '33': ['phường Thái Bình', 'phường Phố Hiến', 'xã Tiền Hải'],
  '12': ['phường Tân Phong', 'phường Đoàn Kết', 'xã Tam Đường'],
  '66': ['phường Buôn Ma Thuột', 'phường Tuy Hòa', 'xã Krông Pắc'],
  '91': ['phường Rạch Giá', 'phường Long Xuyên', 'xã Châu Thành'],
  '86': ['phường Trà Vinh', 'phường Bến Tre', 'phường Long Châu'],
};

/** One real pre-2025 district of each former province used by the demo. */
const DISTRICTS: Record<string, string> = {
  '33': 'Văn Lâm',
  '34': 'Kiến Xương',
  '12': 'Tam Đường',
  '66': 'Krông Pắc',
  '54': 'Tuy An',
  '91': 'Châu Thành',
  '89': 'Châu Phú',
  '86': 'Long Hồ',
  '84': 'Càng Long',
  '83': 'Mỏ Cày Nam',
};

/** Provincial capitals whose name differs from the province's. */
const CAPITALS: Record<string, string> = {
  '66': 'Buôn Ma Thuột',
  '54': 'Tuy Hòa',
  '91': 'Rạch Giá',
  '89': 'Long Xuyên',
};

const WORKPLACES = [
  'Trường Tiểu học Nguyễn Du',
  'Trường THCS Lê Quý Đôn',
  'Trường THPT Trần Phú',
  'Trường Mầm non Hoa Sen',
  'Bệnh viện Đa khoa khu vực',
  'Trung tâm Y tế',
  'Công ty TNHH May Hưng Thịnh',
  'Công ty Cổ phần Chế biến Thủy sản Sao Biển',
  'Công ty TNHH Giày da Phú Quý',
  'Công ty Cổ phần Xây dựng Thành An',
  'Ủy ban nhân dân',
  'Kho bạc Nhà nước khu vực',
  'Chi nhánh Ngân hàng Nông nghiệp',
  'Công ty TNHH Điện tử Minh Long',
  'Hợp tác xã Nông nghiệp Tân Tiến',
  'Bưu điện',
];

export interface DemoAccount {
  username: string;
  role: TRole;
  unit: string;
}

export async function loadDemoWorkspace(
  services: Services,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoAccount[]> {
  const { orgChange: org, orgRepository, database } = services;
  const actor = SYSTEM_ACTOR;
  const accounts: DemoAccount[] = [];
  await database.transaction(async () => {
    await loadProvinceReference(org, orgRepository, actor);
    const rows = readProvinceRows();
    let done = 0;
    const total = DEMO_PROVINCES.length;
    const grassrootsAt: Record<string, number> = {};
    for (const newCode of DEMO_PROVINCES) {
      const members = rows.filter((r) => r.new_code === newCode);
      const merged = members.length > 1;
      const province = (await orgRepository.findUnitByCode(newProvinceCode(members[0]!, merged)))!;
      const provinceName = federationName(members[0]!.new_name).shortName.replace('LĐLĐ ', '');
      const communeIds: number[] = [];
      for (const [i, commune] of (COMMUNES[newCode] ?? []).entries()) {
        communeIds.push(
          await org.insertNewUnit(
            {
              code: `CDX-${newCode}-${i + 1}`,
              name: `Công đoàn ${commune}`,
              shortName: null,
              type: 'commune',
              parentId: province.id,
            },
            MERGER_DATE,
            true,
          ),
        );
      }
      const kcn = await org.insertNewUnit(
        {
          code: `KCN-${newCode}`,
          name: `Công đoàn các Khu công nghiệp tỉnh ${provinceName}`,
          shortName: `CĐ KCN ${provinceName}`,
          type: 'industrial_zone',
          parentId: province.id,
        },
        merged ? MERGER_DATE : PROVINCES_63_FROM,
        true,
      );
      let serial = 0;
      for (const member of members) {
        const oldProvince = (await orgRepository.findUnitByCode(oldProvinceCode(member.old_code)))!;
        const oldName = federationName(member.old_name).shortName.replace('LĐLĐ ', '');
        // Before 2025 the grassroots sat under district federations and a sector union.
        const parents: { id: number; type: TUnitType }[] = [];
        for (const d of [1, 2]) {
          const districtName =
            d === 1
              ? `thành phố ${CAPITALS[member.old_code] ?? oldName}`
              : `huyện ${DISTRICTS[member.old_code] ?? 'Châu Thành'}`;
          parents.push({
            id: await org.insertNewUnit(
              {
                code: `LDLDH-${member.old_code}-${d}`,
                name: `Liên đoàn Lao động ${districtName}`,
                shortName: null,
                type: 'district',
                parentId: oldProvince.id,
              },
              PROVINCES_63_FROM,
              true,
            ),
            type: 'district',
          });
        }
        parents.push({
          id: await org.insertNewUnit(
            {
              code: `CDN-YT-${member.old_code}`,
              name: `Công đoàn ngành Y tế tỉnh ${oldName}`,
              shortName: `CĐN Y tế ${oldName}`,
              type: 'sector',
              parentId: oldProvince.id,
            },
            PROVINCES_63_FROM,
            true,
          ),
          type: 'sector',
        });
        const perOld = Math.round(40 / members.length);
        for (let g = 0; g < perOld; g++) {
          serial++;
          const workplace = WORKPLACES[(serial + Number(member.old_code)) % WORKPLACES.length]!;
          const place =
            workplace.startsWith('Ủy ban') ||
            workplace.startsWith('Bưu điện') ||
            workplace.startsWith('Trung tâm')
              ? `${workplace} ${COMMUNES[newCode]![serial % 3]!.replace(/^(xã|phường) /, '')}`
              : `${workplace} ${serial}`;
          const before = parents[g % parents.length]!;
          const id = await org.insertNewUnit(
            {
              code: `CDCS-${member.old_code}-${String(g + 1).padStart(3, '0')}`,
              name: `Công đoàn cơ sở ${place}`,
              shortName: null,
              type: 'grassroots',
              parentId: before.id,
            },
            '2012-01-01',
            true,
          );
          const after = g % 5 === 4 ? kcn : communeIds[g % communeIds.length]!;
          const unit = (await orgRepository.findUnit(id))!;
          await org.move(actor, id, { parentId: after, effectiveDate: MERGER_DATE, version: unit.version });
          grassrootsAt[newCode] ??= id;
        }
        for (const parent of parents) {
          const unit = (await orgRepository.findUnit(parent.id))!;
          await org.close(actor, parent.id, {
            effectiveDate: MERGER_DATE,
            version: unit.version,
            note: 'Kết thúc hoạt động công đoàn cấp huyện và công đoàn ngành địa phương (sắp xếp năm 2025)',
          });
        }
      }
      onProgress?.(++done, total);
    }

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const unitByCode = async (code: string) => (await orgRepository.findUnitByCode(code))!.id;
    const hungYen = rows.find((r) => r.old_code === '33')!;
    const people: { username: string; displayName: string; role: TRole; homeUnitId: number; unit: string }[] =
      [
        {
          username: 'admin',
          displayName: 'Quản trị hệ thống',
          role: 'admin',
          homeUnitId: await unitByCode('TLD'),
          unit: 'Tổng Liên đoàn Lao động Việt Nam',
        },
        {
          username: 'lanhdao',
          displayName: 'Lãnh đạo Tổng Liên đoàn (xem)',
          role: 'viewer',
          homeUnitId: await unitByCode('TLD'),
          unit: 'Tổng Liên đoàn Lao động Việt Nam',
        },
        {
          username: 'hungyen',
          displayName: 'Ban Nữ công LĐLĐ Hưng Yên',
          role: 'manager',
          homeUnitId: await unitByCode(newProvinceCode(hungYen, true)),
          unit: 'LĐLĐ tỉnh Hưng Yên',
        },
        {
          username: 'laichau',
          displayName: 'Ban Tuyên giáo - Nữ công LĐLĐ Lai Châu',
          role: 'manager',
          homeUnitId: await unitByCode('LDLD-12'),
          unit: 'LĐLĐ tỉnh Lai Châu',
        },
        {
          username: 'congdoanxa',
          displayName: 'Chủ tịch Công đoàn phường Tân Phong',
          role: 'officer',
          homeUnitId: await unitByCode('CDX-12-1'),
          unit: 'Công đoàn phường Tân Phong',
        },
        {
          username: 'cdcs',
          displayName: 'Chủ tịch CĐCS (Lai Châu)',
          role: 'officer',
          homeUnitId: grassrootsAt['12']!,
          unit: 'một công đoàn cơ sở ở Lai Châu',
        },
      ];
    for (const person of people) {
      if (await services.userRepository.findByUsername(person.username)) continue;
      await services.userRepository.insert({ ...person, passwordHash });
      accounts.push({ username: person.username, role: person.role, unit: person.unit });
    }
    await loadDemoPlans(services);
    await loadDemoReports(services);
    await services.settings.set('demo', { loadedAt: new Date().toISOString() });
    await services.settings.set('organisation', { name: 'Tổng Liên đoàn Lao động Việt Nam (dữ liệu mẫu)' });
    await services.audit.record(actor, 'demo.load', 'workspace', null, null, { accounts: accounts.length });
  });
  return accounts;
}
