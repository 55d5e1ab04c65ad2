import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  type TestBrowser,
} from './support/browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from './support/server.ts';

const SCHEDULE_NAME = 'Báo cáo năm thực hiện Chỉ thị 28-CT/TW (kiểm thử e2e)';
const NUMERATOR = 'Số cán bộ chủ chốt được tập huấn';
const DENOMINATOR = 'Tổng số cán bộ chủ chốt';
const RETURN_REASON = 'Số cán bộ nữ chưa khớp sổ theo dõi tập huấn, đề nghị kiểm tra lại.';

/** A signed-in API session from Node, for the setup a manager would do in the UI. */
async function apiSession(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as T };
  };
}

type Api = Awaited<ReturnType<typeof apiSession>>;

async function indicatorId(api: Api, input: Record<string, unknown>): Promise<number> {
  const created = await api<{ id: number }>('POST', '/api/indicators', input);
  if (created.status === 201) return created.body.id;
  const all = await api<{ indicators: { id: number; code: string }[] }>('GET', '/api/indicators');
  const found = all.body.indicators.find((i) => i.code === input.code);
  if (!found) throw new Error(`indicator ${String(input.code)}: ${created.status}`);
  return found.id;
}

/** Lai Châu's plan 72/KH-LĐLĐ gets an annual schedule for its grassroots unions (unless the demo has ours). */
async function ensureSchedule(baseUrl: string): Promise<{ ratioId: number }> {
  const api = await apiSession(baseUrl, 'laichau');
  const plans = await api<{ plans: { id: number; symbol: string | null; unitName: string }[] }>(
    'GET',
    '/api/plans',
  );
  const plan = plans.body.plans.find((p) => p.symbol?.startsWith('72/KH') && p.unitName.includes('Lai Châu'));
  if (!plan) throw new Error(`no plan 72/KH of Lai Châu in ${JSON.stringify(plans.body)}`);
  const ratioId = await indicatorId(api, {
    code: 'E2E-CB-TAPHUAN',
    name: 'Cán bộ chủ chốt được tập huấn',
    kind: 'ratio',
    unit: '%',
    numeratorLabel: NUMERATOR,
    denominatorLabel: DENOMINATOR,
    disaggregation: 'sex',
  });
  const countId = await indicatorId(api, {
    code: 'E2E-TT-BUOI',
    name: 'Số buổi truyền thông về chăm sóc trẻ em',
    kind: 'count',
    unit: 'buổi',
  });
  const yesNoId = await indicatorId(api, {
    code: 'E2E-KH-BANHANH',
    name: 'Đã ban hành kế hoạch thực hiện',
    kind: 'boolean',
  });
  const existing = await api<{ schedules: { name: string }[] }>('GET', `/api/plans/${plan.id}/schedules`);
  if (!existing.body.schedules.some((s) => s.name === SCHEDULE_NAME)) {
    const created = await api('POST', '/api/schedules', {
      planId: plan.id,
      dutyIndex: null,
      name: SCHEDULE_NAME,
      frequency: 'annual',
      dueRule: '11-10',
      fromYear: 2024,
      toYear: 2026,
      leadDays: 5,
      unitTypes: ['grassroots'],
      form: {
        name: SCHEDULE_NAME,
        indicators: [
          { indicatorId: ratioId, required: true },
          { indicatorId: countId, required: true },
          { indicatorId: yesNoId, required: false },
        ],
        sections: [
          { key: 'results', title: 'Kết quả thực hiện', required: true },
          { key: 'shortcomings', title: 'Tồn tại, hạn chế', required: false },
          { key: 'causes', title: 'Nguyên nhân', required: false },
          { key: 'directions', title: 'Phương hướng, nhiệm vụ', required: false },
          { key: 'proposals', title: 'Kiến nghị, đề xuất', required: false },
        ],
        allowAttachments: true,
      },
    });
    if (created.status !== 201)
      throw new Error(`schedule: ${created.status} ${JSON.stringify(created.body)}`);
  }
  return { ratioId };
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

/** The main menu's link, through the drawer on a phone. */
async function openMenuItem(page: Page, name: string): Promise<void> {
  // Below antd's `lg` breakpoint the menu lives in a drawer behind the burger button.
  if ((page.viewportSize()?.width ?? 1366) < 992) await page.getByRole('button', { name: 'Mở menu' }).click();
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name }).click();
}

async function expectNoSeriousAxe(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(describeViolations(violations)).toBe('');
}

describe('reporting cycle journey', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let officer: Page;
  let reviewer: Page;
  let year: string;
  let ratioId: number;
  let reportUrl = '';
  const pageErrors: string[] = [];

  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
        pageErrors.push(`csp: ${message.text()}`);
      }
    });
  };

  const field = (part: 'numerator' | 'denominator', category = 'Tổng') =>
    officer.getByLabel(`${part === 'numerator' ? NUMERATOR : DENOMINATOR} — ${category}`, { exact: true });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ({ ratioId } = await ensureSchedule(server.baseUrl));
    const meta = (await (await fetch(`${server.baseUrl}/api/meta`)).json()) as { today: string };
    year = meta.today.slice(0, 4);
    officer = await browser.newPage({ baseURL: server.baseUrl, width: 360, height: 740 });
    reviewer = await browser.newPage({ baseURL: server.baseUrl, width: 1280, height: 860 });
    watch(officer);
    watch(reviewer);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps the sign-in page small (≤ 300 KB gzip of JS and CSS)', async () => {
    const fresh = await browser.newPage({ baseURL: server.baseUrl });
    const sizes: number[] = [];
    fresh.on('response', async (response) => {
      if (!/\.(js|css)$/.test(new URL(response.url()).pathname)) return;
      sizes.push(gzipSync(await response.body()).length);
    });
    await fresh.goto('/dang-nhap');
    await fresh.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await fresh.waitForLoadState('networkidle');
    const total = sizes.reduce((a, b) => a + b, 0);
    console.info(`sign-in route: ${sizes.length} files, ${(total / 1024).toFixed(1)} KB gzip`);
    expect(total).toBeLessThanOrEqual(300 * 1024);
  });

  it('shows the grassroots officer what is due, with dates and days late, on a phone', async () => {
    await signIn(officer, 'cdcs');
    await openMenuItem(officer, 'Báo cáo của tôi');
    await officer.getByRole('heading', { name: 'Báo cáo của tôi', level: 1 }).waitFor();
    const card = officer
      .locator('.due-card')
      .filter({ hasText: SCHEDULE_NAME })
      .filter({ hasText: `Năm ${year}` });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Hạn gửi: \d{2}\/\d{2}\/\d{4}/);
    expect(await card.textContent()).toMatch(/Chưa làm|Đang soạn/);
    await screenshot(officer, '40-my-reports-phone', false);
    await expectNoSeriousAxe(officer);
    expect(await officer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await card.getByRole('button', { name: /Bắt đầu làm|Tiếp tục/ }).click();
    await officer.waitForURL(/\/bao-cao\/\d+$/);
    reportUrl = officer.url();
    await officer.getByRole('heading', { name: `${SCHEDULE_NAME} — Năm ${year}` }).waitFor();
  });

  it('keeps the report form small on a first visit (≤ 300 KB gzip of JS)', async () => {
    // A new browser profile with the officer's session: nothing cached, so every script the
    // form needs is fetched. Counted once the form is there and the network has gone quiet.
    const context = await browser.browser.newContext({
      storageState: await officer.context().storageState(),
      viewport: { width: 360, height: 740 },
      locale: 'vi-VN',
    });
    try {
      const fresh = await context.newPage();
      const sizes = new Map<string, number>();
      fresh.on('response', async (response) => {
        const path = new URL(response.url()).pathname;
        if (!path.endsWith('.js') || response.status() !== 200) return;
        sizes.set(path, gzipSync(await response.body()).length);
      });
      await fresh.goto(reportUrl);
      await fresh.getByLabel(`${NUMERATOR} — Tổng`, { exact: true }).waitFor();
      await fresh.waitForLoadState('networkidle');
      const total = [...sizes.values()].reduce((a, b) => a + b, 0);
      console.info(`report entry route: ${sizes.size} files, ${(total / 1024).toFixed(1)} KB gzip`);
      expect(total).toBeLessThanOrEqual(300 * 1024);
    } finally {
      await context.close();
    }
  });

  it('names the numerator when it is larger than the denominator', async () => {
    await field('numerator').fill('60');
    await field('denominator').fill('50');
    const issue = officer.locator(`#rf-values-${ratioId}-total-numerator-issues`);
    await issue.getByText('Tử số (60) lớn hơn mẫu số (50).').waitFor();
    expect(await field('numerator').getAttribute('aria-invalid')).toBe('true');
    expect(await field('numerator').getAttribute('aria-describedby')).toContain('issues');
    await officer
      .locator('.indicator-card')
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await officer.evaluate(() => window.scrollBy(0, -110));
    await screenshot(officer, '41-ratio-error-phone', false);
  });

  it('lists the errors when submitted too early and leads to the field', async () => {
    await officer.getByRole('button', { name: 'Gửi báo cáo' }).click();
    const list = officer.getByTestId('submit-errors');
    await list.getByText('Tử số (60) lớn hơn mẫu số (50).').waitFor();
    await list.getByText('Chưa viết phần "Kết quả thực hiện".').waitFor();
    await screenshot(officer, '42-submit-errors-phone', false);
    await list.getByRole('button', { name: /lớn hơn mẫu số/ }).click();
    await list.waitFor({ state: 'hidden' });
    await expect
      .poll(() => officer.evaluate(() => document.activeElement?.id))
      .toBe(`rf-values-${ratioId}-total-numerator`);
  });

  it('is filled by keyboard alone; Enter moves on and never submits; the draft saves itself', async () => {
    // Correct the numerator and go on with Enter (no form is submitted by Enter).
    await field('numerator').focus();
    await officer.keyboard.press('Control+A');
    await officer.keyboard.type('45');
    await officer.keyboard.press('Enter');
    expect(await officer.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `${DENOMINATOR} — Tổng`,
    );
    await officer.keyboard.press('Enter');
    await officer.keyboard.type('20');
    await officer.keyboard.press('Tab');
    await officer.keyboard.type('25');
    await officer.keyboard.press('Tab');
    await officer.keyboard.type('25');
    await officer.keyboard.press('Tab');
    await officer.keyboard.type('25');
    await officer.locator(`#rf-values-${ratioId}-total-numerator-issues`).waitFor({ state: 'detached' });
    await officer.locator('.ratio-grid__rate').first().getByText('90,0%').waitFor();
    await officer.getByLabel('Giá trị (buổi)').fill('6');
    // Yes/no: a radio group, arrows choose.
    await officer.getByRole('radio', { name: 'Có' }).focus();
    await officer.keyboard.press('Space');
    const results = officer.getByLabel(/^Kết quả thực hiện/);
    await results.focus();
    await officer.keyboard.type('Đã tập huấn 45/50 cán bộ chủ chốt (90,0%); tổ chức 6 buổi truyền thông.');
    await officer.keyboard.press('Enter');
    await officer.keyboard.type('Có ảnh hoạt động kèm theo.');
    expect(officer.url()).toBe(reportUrl);
    await expect
      .poll(() => officer.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toMatch(/Đã lưu lúc \d{2}:\d{2}/);
    await officer
      .locator('.indicator-card')
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await officer.evaluate(() => window.scrollBy(0, -110));
    await screenshot(officer, '43-draft-saved-phone', false);
  });

  it('has no serious accessibility problems on the entry form', async () => {
    await expectNoSeriousAxe(officer);
  });

  it('keeps the draft across a reload', async () => {
    await officer.reload();
    await field('numerator').waitFor();
    expect(await field('numerator').inputValue()).toBe('45');
    expect(await field('denominator', 'Nữ').inputValue()).toBe('25');
    expect(await officer.getByLabel(/^Kết quả thực hiện/).inputValue()).toContain(
      'Có ảnh hoạt động kèm theo.',
    );
    expect(await officer.getByRole('radio', { name: 'Có' }).isChecked()).toBe(true);
  });

  it('keeps typing through a dropped connection and saves when it is back', async () => {
    const causes = officer.getByLabel('Nguyên nhân');
    await officer.context().setOffline(true);
    await causes.fill('Kinh phí tập huấn còn hạn chế.');
    await causes.blur();
    await expect
      .poll(() => officer.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toContain('Chưa lưu được — sẽ thử lại');
    const kept = await officer.evaluate(
      (id) => localStorage.getItem(`tiendo.reportDraft.${id}`),
      reportUrl.split('/').pop(),
    );
    expect(kept).toContain('Kinh phí tập huấn còn hạn chế.');
    await causes.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(officer, '4e-offline-kept-phone', false);
    await officer.context().setOffline(false);
    await expect
      .poll(() => officer.getByTestId('save-status').textContent(), { timeout: 15_000 })
      .toMatch(/Đã lưu lúc/);
    expect(
      await officer.evaluate(
        (id) => localStorage.getItem(`tiendo.reportDraft.${id}`),
        reportUrl.split('/').pop(),
      ),
    ).toBeNull();
  });

  it('attaches a photo of the activity', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    await officer
      .locator('.report-entry input[type=file]')
      .setInputFiles({ name: 'tap-huan-can-bo.png', mimeType: 'image/png', buffer: png });
    await officer.getByRole('link', { name: 'tap-huan-can-bo.png' }).waitFor();
  });

  it('says when someone else saved meanwhile, and keeps what was typed', async () => {
    const api = await apiSession(server.baseUrl, 'cdcs');
    const id = reportUrl.split('/').pop();
    const current = await api<{ values: unknown[]; narrative: Record<string, string>; version: number }>(
      'GET',
      `/api/reports/${id}`,
    );
    const saved = await api('PUT', `/api/reports/${id}`, {
      values: current.body.values,
      narrative: { ...current.body.narrative, proposals: 'Đề xuất từ máy khác.' },
      version: current.body.version,
    });
    expect(saved.status).toBe(200);
    const shortcomings = officer.getByLabel('Tồn tại, hạn chế');
    await shortcomings.fill('Một số cán bộ mới chưa được tập huấn.');
    await shortcomings.blur();
    const conflict = officer.getByTestId('conflict-alert');
    await conflict.getByText('Dữ liệu đã được người khác thay đổi…').waitFor();
    expect(await shortcomings.inputValue()).toBe('Một số cán bộ mới chưa được tập huấn.');
    await conflict.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(officer, '44-conflict-phone', false);
    await conflict.getByRole('button', { name: 'Giữ bản của tôi' }).click();
    await conflict.waitFor({ state: 'detached' });
    await expect
      .poll(() => officer.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toMatch(/Đã lưu lúc/);
  });

  it('submits with the keyboard, after a confirmation', async () => {
    const submit = officer.getByRole('button', { name: 'Gửi báo cáo' });
    await submit.focus();
    await officer.keyboard.press('Enter');
    await officer.locator('.ant-modal-confirm-title', { hasText: 'Gửi báo cáo lên cấp trên?' }).waitFor();
    await screenshot(officer, '45-submit-confirm-phone', false);
    await officer.keyboard.press('Enter');
    await officer.getByTestId('locked-tag').waitFor();
    await officer.locator('.report-header .report-status').getByText('Đã gửi').waitFor();
    expect(await officer.locator('.report-page input[type=text], .report-page textarea').count()).toBe(0);
    await screenshot(officer, '46-submitted-phone', false);
  });

  it('lets the level above return it with a reason', async () => {
    await signIn(reviewer, 'congdoanxa');
    await openMenuItem(reviewer, 'Duyệt báo cáo');
    const queue = reviewer.getByTestId('review-queue');
    await queue.waitFor();
    await expectNoSeriousAxe(reviewer);
    // The queue comes a page at a time and says how many wait in all.
    const shown = await queue.locator('.due-card').count();
    expect(await reviewer.getByTestId('review-queue-count').textContent()).toBe(
      `Đang hiển thị ${shown} trên ${shown} báo cáo chờ duyệt.`,
    );
    const item = queue.locator('.due-card').filter({ hasText: `Năm ${year} · ${SCHEDULE_NAME}` });
    await item.getByRole('button').click();
    await reviewer.waitForURL(/\/bao-cao\/\d+$/);
    // The report lives under "my reports", but the menu keeps the page it was opened from.
    const menu = reviewer.getByRole('navigation', { name: 'Menu chính' });
    expect(await menu.getByRole('link', { name: 'Duyệt báo cáo' }).getAttribute('aria-current')).toBe('page');
    expect(await menu.getByRole('link', { name: 'Báo cáo của tôi' }).getAttribute('aria-current')).toBeNull();
    await reviewer.getByRole('button', { name: 'Trả lại' }).waitFor();
    await reviewer.getByText('45 / 50 = 90,0%').waitFor();
    await screenshot(reviewer, '47-review-page', false);
    await expectNoSeriousAxe(reviewer);

    await reviewer.getByRole('button', { name: 'Trả lại' }).click();
    const dialog = reviewer.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await dialog.getByText('Vui lòng ghi lý do (ít nhất 3 ký tự).').waitFor();
    await dialog.getByLabel(/Lý do trả lại/).fill(RETURN_REASON);
    await screenshot(reviewer, '48-return-reason', false);
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await reviewer.locator('.report-header .report-status').getByText('Bị trả lại').waitFor();
  });

  it('shows the officer the reason; the officer corrects and resubmits', async () => {
    await officer.goto('/bao-cao');
    const card = officer
      .locator('.due-card')
      .filter({ hasText: SCHEDULE_NAME })
      .filter({ hasText: `Năm ${year}` });
    await card.getByText('Bị trả lại').waitFor();
    await card.getByText(RETURN_REASON).waitFor();
    await screenshot(officer, '49-returned-with-reason-phone', false);
    await card.getByRole('button', { name: 'Tiếp tục' }).click();
    await officer.waitForURL(reportUrl);
    await officer.getByTestId('return-reason').getByText(RETURN_REASON).waitFor();
    await field('numerator', 'Nữ').fill('24');
    await field('numerator', 'Nam').fill('21');
    await expect
      .poll(() => officer.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toMatch(/Đã lưu lúc/);
    await officer.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await officer.getByRole('dialog').getByRole('button', { name: 'Gửi' }).click();
    await officer.getByTestId('locked-tag').waitFor();
  });

  it('lets the level above approve it', async () => {
    await reviewer.goto('/duyet-bao-cao');
    const item = reviewer
      .getByTestId('review-queue')
      .locator('.due-card')
      .filter({ hasText: `Năm ${year} · ${SCHEDULE_NAME}` });
    await item.getByRole('button').click();
    await reviewer.getByText('21 / 25 = 84,0%').waitFor();
    await reviewer.getByRole('button', { name: 'Duyệt' }).click();
    await reviewer.getByRole('dialog').getByRole('button', { name: 'Duyệt' }).click();
    await reviewer.locator('.report-header .report-status').getByText('Đã duyệt').waitFor();
    await screenshot(reviewer, '4a-approved', false);
  });

  it('shows the officer a locked report, and the API refuses a change (409)', async () => {
    await officer.goto(reportUrl);
    await officer.getByTestId('locked-tag').waitFor();
    await officer.locator('.report-header .report-status').getByText('Đã duyệt').waitFor();
    expect(await officer.locator('.report-page input[type=text], .report-page textarea').count()).toBe(0);
    expect(await officer.getByRole('button', { name: 'Gửi báo cáo' }).count()).toBe(0);
    await screenshot(officer, '4b-approved-locked-phone', false);
    const status = await officer.evaluate(async (url) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const id = url.split('/').pop();
      const current = (await (await fetch(`/api/reports/${id}`)).json()) as { version: number };
      const response = await fetch(`/api/reports/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ values: [], narrative: {}, version: current.version }),
      });
      return response.status;
    }, reportUrl);
    expect(status).toBe(409);
  });

  it('shows the period status to the province, with counts and the unit approved', async () => {
    const manager = await browser.newPage({ baseURL: server.baseUrl, width: 1280, height: 860 });
    watch(manager);
    await signIn(manager, 'laichau');
    await openMenuItem(manager, 'Tình hình báo cáo');
    // antd's Select shows its options in a virtual list; its role=option nodes carry only values.
    const choose = async (label: string, option: string | RegExp) => {
      await manager.getByLabel(label, { exact: true }).click();
      await manager
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: option })
        .first()
        .click();
    };
    await choose('Kế hoạch', '72/KH');
    await choose('Lịch báo cáo', SCHEDULE_NAME);
    await choose('Kỳ báo cáo', new RegExp(`^Năm ${year}`));
    const numbers = manager.getByTestId('status-numbers');
    await numbers.getByText('Đã duyệt').waitFor();
    await expect
      .poll(async () => numbers.locator('.status-number--approved dd').textContent())
      .toMatch(/^1\b/);
    await manager.getByRole('link', { name: 'Công đoàn cơ sở Công ty TNHH Điện tử Minh Long 1' }).waitFor();
    await screenshot(manager, '4c-period-status', false);
    await expectNoSeriousAxe(manager);
  });

  it('lets a manager above unlock an approved report, with a reason', async () => {
    const manager = await browser.newPage({ baseURL: server.baseUrl, width: 1280, height: 860 });
    watch(manager);
    await signIn(manager, 'laichau');
    await manager.goto(reportUrl);
    await manager.getByRole('button', { name: 'Mở khóa' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel(/Lý do mở khóa/).fill('Đơn vị xin sửa số liệu tập huấn theo danh sách mới.');
    await dialog.getByRole('button', { name: 'Mở khóa' }).click();
    await manager.locator('.report-header .report-status').getByText('Bị trả lại').waitFor();
    await screenshot(manager, '4d-unlocked', false);
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
