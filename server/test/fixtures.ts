import type { FastifyInstance } from 'fastify';
import type { TRole } from '../../contracts/auth.ts';
import { DEFAULT_SECTIONS } from '../../contracts/reporting.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { buildApp } from '../app.ts';
import type { Database } from '../db/client.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { hashPassword } from '../services/password.ts';
import { createServices, type Services } from '../services/services.ts';

export const TEST_PASSWORD = 'mat-khau-thu-2025';

/**
 * A small organisation with history:
 *   TLĐ ─┬─ Province A ── Commune A1 ── Grassroots A1a
 *        └─ Province B
 * and one user per role at Province A (plus an admin at the top).
 */
export async function seedSmallOrg(services: Services) {
  const create = (
    code: string,
    name: string,
    type: Parameters<Services['orgChange']['create']>[1]['type'],
    parentId: number | null,
  ) =>
    services.orgChange.create(SYSTEM_ACTOR, {
      code,
      name,
      shortName: null,
      type,
      parentId,
      effectiveDate: '2020-01-01',
    });
  const national = await create('N', 'Tổng Liên đoàn Lao động Việt Nam', 'national', null);
  const provinceA = await create('A', 'Liên đoàn Lao động tỉnh Thái Bình', 'province', national.id);
  const communeA1 = await create('A1', 'Công đoàn phường Kỳ Bá', 'commune', provinceA.id);
  const grassrootsA1a = await create(
    'A1a',
    'Công đoàn cơ sở Trường Tiểu học Kỳ Bá',
    'grassroots',
    communeA1.id,
  );
  const provinceB = await create('B', 'Liên đoàn Lao động tỉnh Lai Châu', 'province', national.id);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users: Record<string, number> = {};
  const people: [string, TRole, number][] = [
    ['admin', 'admin', national.id],
    ['viewer', 'viewer', provinceA.id],
    ['officer', 'officer', provinceA.id],
    ['manager', 'manager', provinceA.id],
    ['chair', 'officer', grassrootsA1a.id],
  ];
  for (const [username, role, homeUnitId] of people) {
    const row = await services.userRepository.insert({
      username,
      displayName: username,
      passwordHash,
      role,
      homeUnitId,
    });
    users[username] = row.id;
  }
  return { national, provinceA, communeA1, grassrootsA1a, provinceB, users };
}

/** A count indicator, "Số hoạt động" (code HD), summed up the organisation. */
export const ACTIVITY_COUNT = {
  code: 'HD',
  name: 'Số hoạt động',
  kind: 'count',
  unit: 'hoạt động',
  numeratorLabel: null,
  denominatorLabel: null,
  disaggregation: 'none',
  aggregation: 'sum',
  threshold: 1,
} as const;

/**
 * A plan of `unitId` measured by one count indicator ("Số hoạt động"), with a reporting schedule
 * for the grassroots units below: what the fault tests and the load benchmark report against.
 */
export async function seedCountSchedule(
  services: Services,
  unitId: number,
  schedule: {
    name: string;
    formName: string;
    frequency: 'monthly' | 'annual';
    dueRule: string | null;
    fromYear: number;
    toYear: number;
    /** An indicator made by an earlier call, for a second schedule of the same count. */
    indicatorId?: number;
  },
): Promise<{ indicatorId: number; periodIds: number[] }> {
  const indicator =
    schedule.indicatorId !== undefined
      ? { id: schedule.indicatorId }
      : await services.indicators.createIndicator(SYSTEM_ACTOR, ACTIVITY_COUNT);
  const plan = await services.plans.create(
    SYSTEM_ACTOR,
    unitId,
    emptyPlanContent('Kế hoạch', schedule.toYear),
  );
  const created = await services.schedules.createSchedule(SYSTEM_ACTOR, {
    planId: plan.id,
    dutyIndex: null,
    name: schedule.name,
    frequency: schedule.frequency,
    dueRule: schedule.dueRule,
    fromYear: schedule.fromYear,
    toYear: schedule.toYear,
    leadDays: 5,
    unitTypes: ['grassroots'],
    form: {
      name: schedule.formName,
      indicators: [{ indicatorId: indicator.id, required: true }],
      sections: [...DEFAULT_SECTIONS],
      allowAttachments: false,
    },
  });
  return { indicatorId: indicator.id, periodIds: created.periods.map((p) => p.id) };
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  /** Signs in and returns headers (cookie and CSRF token) for further requests. */
  signIn: (username: string) => Promise<Record<string, string>>;
}

export async function createTestApp(
  database: Database,
  proxy: { trustProxy: boolean; trustProxyHops: number } = { trustProxy: false, trustProxyHops: 1 },
  clock?: () => Date,
): Promise<TestApp> {
  const services = createServices(database, { sessionTtlHours: 1 }, clock);
  const app = await buildApp({
    config: { sessionTtlHours: 1, ...proxy, uploadMaxBytes: 1024 * 1024, logLevel: 'silent' },
    services,
  });
  const signIn = async (username: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'tiendo_session')!;
    const { csrfToken } = response.json() as { csrfToken: string };
    return { cookie: `tiendo_session=${cookie.value}`, 'x-csrf-token': csrfToken };
  };
  return { app, services, signIn };
}
