import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  type TestBrowser,
  watchPageErrors,
} from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { apiCall, signIn } from './support/session.ts';

/**
 * Issue 20 in the browser: a province's manager opens the roster from the unit's page (the stated
 * purpose shown), adds a key cadre, and records a training that cadre attended.
 */
describe('rosters and activities journey', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ baseURL: server.baseUrl });
    watchPageErrors(page, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("reaches the roster from the unit's page and shows why the data is kept", async () => {
    await signIn(page, 'laichau');
    await page.goto('/to-chuc');
    await page.getByTestId('unit-detail').getByRole('link', { name: 'Danh sách cán bộ' }).click();
    await page.waitForURL(/\/danh-sach-can-bo\?don-vi=\d+/);
    await page.getByRole('heading', { name: 'Danh sách cán bộ', level: 1 }).waitFor();
    await page.getByText('Nghị định 13/2023/NĐ-CP', { exact: false }).first().waitFor();
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
  });

  it('adds a key cadre to the roster', async () => {
    await page.getByRole('button', { name: 'Thêm người' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm người vào danh sách' });
    await dialog.getByLabel('Họ và tên').fill('Nguyễn Thị Thử Nghiệm');
    await dialog.getByLabel('Năm sinh').fill('1985');
    await dialog.getByLabel('Chức vụ').fill('Phó Chủ tịch');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('tr.ant-table-row', { hasText: 'Nguyễn Thị Thử Nghiệm' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Cán bộ chủ chốt');
    await screenshot(page, 'rosters-01-list');
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
  });

  it('records a training the cadre attended', async () => {
    await page.getByRole('link', { name: 'Hoạt động' }).click();
    await page.getByRole('heading', { name: 'Hoạt động', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ghi hoạt động' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi hoạt động mới' });
    await dialog.getByLabel('Tên hoạt động').fill('Tập huấn cán bộ chủ chốt đợt 1');
    await dialog.getByLabel('Người trong danh sách tham gia').click();
    await page.locator('.ant-select-item-option', { hasText: 'Nguyễn Thị Thử Nghiệm' }).click();
    await dialog.getByLabel('Tên hoạt động').click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('tr.ant-table-row', { hasText: 'Tập huấn cán bộ chủ chốt đợt 1' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Tập huấn');
    expect(await row.locator('td').nth(3).textContent()).toBe('1');
    await screenshot(page, 'rosters-02-activities');
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it("pre-fills a commune's report with the computed share and shows who is behind it", async () => {
    // the scene, by the API: a computed indicator (the administrator), the province's plan asking
    // its communes for it, a cadre of Tân Phong on the roster trained by the province
    const admin = await browser.newPage({ baseURL: server.baseUrl });
    await signIn(admin, 'admin');
    const indicator = await apiCall<{ id: number }>(admin, 'POST', '/api/indicators', {
      code: 'E2E_CBCC_TH',
      name: 'Tỷ lệ cán bộ chủ chốt được tập huấn (tính tự động)',
      kind: 'ratio',
      unit: '%',
      numeratorLabel: 'Được tập huấn',
      denominatorLabel: 'Cán bộ chủ chốt',
    });
    const me = await admin.request.get('/api/auth/me');
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const defined = await admin.request.fetch(`/api/indicators/${indicator.id}/definition`, {
      method: 'PUT',
      headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      data: JSON.stringify({
        measure: 'attended_share',
        rosterCategory: 'can_bo_chu_chot',
        activityKind: 'tap_huan',
      }),
    });
    expect(defined.status()).toBe(200);
    await admin.close();

    const commune = await browser.newPage({ baseURL: server.baseUrl });
    await signIn(commune, 'congdoanxa');
    const communeId = (await (await commune.request.get('/api/auth/me')).json()).user.homeUnitId as number;
    const provinceId = (await (await page.request.get('/api/auth/me')).json()).user.homeUnitId as number;
    const year = new Date().getFullYear();
    const plan = await apiCall<{ id: number }>(page, 'POST', '/api/plans', {
      unitId: provinceId,
      title: 'Kế hoạch tập huấn cán bộ công đoàn cơ sở (thử)',
      kind: 'KH',
      yearFrom: year,
      yearTo: year,
      issuerName: null,
      supervisingBody: null,
      place: null,
      preamble: null,
      purposes: [],
      funding: [],
      recipients: [],
      signer: null,
      implementDeadline: null,
      targets: [],
      tasks: [],
      assignments: [],
      reporting: [],
      events: [],
    });
    const schedule = await apiCall<{ periods: { id: number }[] }>(page, 'POST', '/api/schedules', {
      planId: plan.id,
      name: 'Báo cáo năm tập huấn (thử)',
      frequency: 'annual',
      dueRule: null,
      fromYear: year,
      toYear: year,
      unitTypes: ['commune'],
      form: {
        name: 'Biểu tập huấn',
        indicators: [{ indicatorId: indicator.id, required: false }],
        sections: [{ key: 'results', title: 'Kết quả thực hiện', required: false }],
        allowAttachments: false,
      },
    });
    const cadre = await apiCall<{ id: number }>(page, 'POST', '/api/rosters', {
      unitId: communeId,
      category: 'can_bo_chu_chot',
      fullName: 'Trần Văn Chủ Chốt',
      sex: 'male',
      birthYear: 1978,
      position: 'Chủ tịch',
      validFrom: `${year}-01-01`,
      validTo: null,
    });
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await apiCall(page, 'POST', '/api/activities', {
      unitId: provinceId,
      kind: 'tap_huan',
      title: 'Tập huấn cán bộ chủ chốt cấp xã',
      heldOn: today,
      attendeeIds: [cadre.id],
    });
    const report = await apiCall<{ id: number }>(commune, 'POST', '/api/reports', {
      periodId: schedule.periods[0]!.id,
      unitId: communeId,
    });

    await commune.goto(`/bao-cao/${report.id}`);
    const card = commune.locator('.computed-values-card');
    await card.getByText('Đã điền số tính được').waitFor();
    expect(await card.textContent()).toContain('Tính được: 1/1 (100%)');
    await card.getByRole('button', { name: 'Xem danh sách' }).click();
    const list = commune.getByRole('dialog', { name: 'Những người được tính' });
    await list.getByText('Trần Văn Chủ Chốt').waitFor();
    expect(await list.textContent()).toContain('Đã tham gia 1 buổi');
    await screenshot(commune, 'rosters-03-computed-report');
    expect(describeViolations(await seriousAxeViolations(commune))).toBe('');
    await commune.close();
  });
});
