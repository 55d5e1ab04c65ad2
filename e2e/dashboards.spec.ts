import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
import { DEMO_PASSWORD, startServer, type TestServer } from './support/server.ts';

const STATUS_WORDS: Record<string, string> = {
  met: 'Đã đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ',
  off_track: 'Chậm tiến độ',
  no_data: 'Chưa có số liệu',
};

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

interface DashboardTarget {
  status: string;
  basis: string;
  indicator: { name: string } | null;
  text: string;
}

describe('dashboards and the consolidated report', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let planId = 0;
  let targets: DashboardTarget[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ baseURL: server.baseUrl, width: 1366, height: 900 });
    watchPageErrors(page, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps the sign-in page small (≤ 300 KB gzip of JS and CSS, no echarts)', async () => {
    const fresh = await browser.newPage({ baseURL: server.baseUrl });
    const sizes: number[] = [];
    const files: string[] = [];
    fresh.on('response', async (response) => {
      const path = new URL(response.url()).pathname;
      if (!/\.(js|css)$/.test(path)) return;
      files.push(path);
      sizes.push(gzipSync(await response.body()).length);
    });
    await fresh.goto('/dang-nhap');
    await fresh.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await fresh.waitForLoadState('networkidle');
    const total = sizes.reduce((a, b) => a + b, 0);
    console.info(`sign-in route: ${sizes.length} files, ${(total / 1024).toFixed(1)} KB gzip`);
    expect(total).toBeLessThanOrEqual(300 * 1024);
    expect(files.filter((f) => /echarts/.test(f))).toEqual([]);
  });

  it('shows each target of Lai Châu’s plan 72/KH with its status, value, milestone and basis', async () => {
    await signIn(page, 'laichau');
    const plans = (await (await page.request.get('/api/plans')).json()) as {
      plans: { id: number; symbol: string | null; unitName: string }[];
    };
    const plan = plans.plans.find((p) => p.symbol?.startsWith('72/KH') && p.unitName.includes('Lai Châu'));
    expect(plan).toBeDefined();
    planId = plan?.id ?? 0;
    const dashboard = (await (await page.request.get(`/api/plans/${planId}/dashboard`)).json()) as {
      targets: DashboardTarget[];
    };
    targets = dashboard.targets;
    expect(targets.length).toBeGreaterThan(0);

    await page
      .getByRole('navigation', { name: 'Menu chính' })
      .getByRole('link', { name: 'Bảng điều khiển' })
      .click();
    await page.getByRole('heading', { name: 'Bảng điều khiển', level: 1 }).waitFor();
    // Without a choice, the plan with a reporting schedule is shown.
    await page
      .getByText(/Kế hoạch 72\/KH/)
      .first()
      .waitFor();
    const cards = page.getByTestId('target-card');
    await expect.poll(() => cards.count()).toBe(targets.length);
    for (const [index, target] of targets.entries()) {
      const card = cards.nth(index);
      await expect.poll(() => card.locator('.dash-status').textContent()).toBe(STATUS_WORDS[target.status]);
      expect(await card.textContent()).toContain(target.basis);
    }
    // Vietnamese decimals: a percentage like 86,5%.
    expect(await cards.first().locator('.dash-target__value').textContent()).toMatch(/^\d+(,\d)?%/);
    await page.locator('.dash-chart canvas').first().waitFor();
    await page.locator('.dash-chart canvas').nth(1).waitFor();
    await page.getByTestId('completeness-numbers').waitFor();
    // How fresh the figures are: the embedded database has no replica, so as of the request itself.
    expect(await page.getByTestId('dash-freshness').first().textContent()).toMatch(
      /^Số liệu tính đến \d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4} \(đọc từ cơ sở dữ liệu chính\)\.$/,
    );
    // Completeness has a request of its own, after the figures.
    await expect
      .poll(() => page.getByText(/Đơn vị chậm báo cáo \(\d+\)/).count(), { timeout: 10_000 })
      .toBe(1);
    await screenshot(page, '50-dashboard');
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
  });

  it('downloads a chart as PNG and the dashboard as XLSX', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải ảnh biểu đồ' }).first().click(),
    ]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const href = await page.getByRole('link', { name: /Tải Excel/ }).getAttribute('href');
    const xlsx = await page.request.get(href ?? '');
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('drills down from LĐLĐ Lai Châu to a commune union and to one grassroots union', async () => {
    await page.getByRole('tab', { name: 'Theo đơn vị' }).click();
    const path = page.getByTestId('drill-path');
    await expect.poll(() => path.textContent()).toContain('Liên đoàn Lao động tỉnh Lai Châu');
    const commune = page.getByRole('button', { name: /^Xem các đơn vị của Công đoàn (phường|xã)/ }).first();
    const communeName = ((await commune.getAttribute('aria-label')) ?? '').replace('Xem các đơn vị của ', '');
    await commune.click();
    await expect.poll(() => path.textContent()).toContain(communeName);
    expect(await path.textContent()).toContain('Liên đoàn Lao động tỉnh Lai Châu');
    await screenshot(page, '51-drill-commune');
    const grassroots = page.getByRole('button', { name: /^Xem số liệu của Công đoàn cơ sở/ }).first();
    const grassrootsName = ((await grassroots.getAttribute('aria-label')) ?? '').replace(
      'Xem số liệu của ',
      '',
    );
    await grassroots.click();
    await expect.poll(() => path.textContent()).toContain(grassrootsName);
    const crumbs = await path.locator('li').allTextContents();
    const names = crumbs.map((c) => c.trim()).filter((c) => c && c !== '/');
    expect(names.slice(-3)).toEqual(['Liên đoàn Lao động tỉnh Lai Châu', communeName, grassrootsName]);
    await page.getByText('Đơn vị này không có đơn vị trực thuộc.').waitFor();
    await screenshot(page, '52-drill-grassroots');
    // Back up one level through the path.
    await path.getByRole('button', { name: communeName }).click();
    await page.getByRole('button', { name: `Xem số liệu của ${grassrootsName}` }).waitFor();
  });

  it('compiles the consolidated report, names the source units and downloads it as DOCX', async () => {
    await page
      .getByRole('navigation', { name: 'Menu chính' })
      .getByRole('link', { name: 'Báo cáo tổng hợp' })
      .click();
    await page.getByRole('heading', { name: 'Báo cáo tổng hợp', level: 1 }).waitFor();
    const results = page.getByLabel(/^1\. Kết quả thực hiện/);
    await results.waitFor();
    expect(await results.inputValue()).toMatch(/^- Công đoàn cơ sở /);
    await page
      .getByText(/Tổng hợp từ \d+ đơn vị:/)
      .first()
      .waitFor();
    await page.getByRole('heading', { name: /Đơn vị chưa báo cáo \(\d+\)/ }).waitFor();
    // The officer condenses one section; the download carries the edited text.
    const proposals = page.getByLabel(/^5\. Kiến nghị, đề xuất/);
    expect(await proposals.inputValue()).toContain('Công đoàn cơ sở');
    await proposals.fill(
      'Đề nghị Tổng Liên đoàn hỗ trợ tài liệu tuyên truyền về chăm sóc trẻ em (kiểm thử e2e).',
    );
    await screenshot(page, '53-consolidated');
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => /\/consolidated\.docx/.test(r.url())),
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải DOCX' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('wordprocessingml');
    // The edited text travels in the body of a POST, however long it is.
    expect(response.request().method()).toBe('POST');
    expect(response.request().postDataJSON()).toMatchObject({
      narrative: { proposals: expect.stringContaining('kiểm thử e2e') },
    });
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const body = readFileSync(await download.path());
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(body.length).toBeGreaterThan(5 * 1024);
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
    expect(pageErrors).toEqual([]);
  });
});
