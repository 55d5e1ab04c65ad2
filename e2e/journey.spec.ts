import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../domain/fold-text.ts';
import {
  describeViolations,
  launchBrowser,
  SCREENSHOT_DIR,
  screenshot,
  seriousAxeViolations,
  type TestBrowser,
  watchPageErrors,
} from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { apiCall, pickTreeUnit, signIn } from './support/session.ts';

/**
 * The whole journey in one series of browser sessions, the way the people who use it would walk
 * it: LĐLĐ Lai Châu receives Kế hoạch 72/KH (seed 002) as a file, checks what was read, saves it
 * as its plan, has Công đoàn phường Tân Phong derive and issue its implementing plan, a
 * grassroots union reports on a phone, the province approves, the dashboard shows the figures and
 * the consolidated report downloads as DOCX, becomes a PDF (LibreOffice) and is read back
 * (poppler). Every step leaves a screenshot `artifacts/screenshots/journey-NN-*.png`.
 */

const SEED_002 = fileURLToPath(new URL('../resources/seeds/002_ecf9da9cd69f7705.txt', import.meta.url));
const SCHEDULE_NAME = 'Báo cáo năm thực hiện Kế hoạch 72/KH (hành trình)';
const NUMERATOR = 'Số cán bộ chủ chốt được tập huấn';
const DENOMINATOR = 'Tổng số cán bộ công đoàn chủ chốt';
/** A number the grassroots officer types, looked for again in the PDF. */
const SESSIONS = '37';
const RESULTS_TEXT = `Đã tổ chức ${SESSIONS} buổi sinh hoạt chuyên đề về quyền trẻ em cho đoàn viên; tập huấn 18/20 cán bộ chủ chốt.`;

interface Indicator {
  id: number;
  code: string;
  name: string;
}
interface Schedule {
  id: number;
  name: string;
  periods: { id: number; key: string; label: string }[];
}

async function expectAxeClean(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(describeViolations(violations), where).toBe('');
}

const shot = (page: Page, step: number | string, name: string) =>
  screenshot(page, `journey-${String(step).padStart(2, '0')}-${name}`, false);

describe('the whole journey: from a received plan to the consolidated report as PDF', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let manager: Page;
  let officer: Page;
  let planId = 0;
  let periodId = 0;
  let year = '';
  let docxPath = '';
  const workDir = mkdtempSync(join(tmpdir(), 'tiendo-journey-'));
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const meta = (await (await fetch(`${server.baseUrl}/api/meta`)).json()) as { today: string };
    year = meta.today.slice(0, 4);
    manager = await browser.newPage({ baseURL: server.baseUrl, width: 1366, height: 860 });
    officer = await browser.newPage({ baseURL: server.baseUrl, width: 390, height: 844 });
    watchPageErrors(manager, pageErrors);
    watchPageErrors(officer, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('1. the province officer uploads the plan document received from above', async () => {
    await signIn(manager, 'laichau');
    await manager
      .getByRole('navigation', { name: 'Menu chính' })
      .getByRole('link', { name: 'Văn bản' })
      .click();
    await manager.getByRole('button', { name: 'Đọc văn bản mới' }).click();
    await manager.getByRole('heading', { name: 'Đọc văn bản mới' }).waitFor();
    await shot(manager, 1, 'upload');
    // Choosing the file reads it at once.
    await manager
      .locator('input[type=file]')
      .setInputFiles({ name: 'ke-hoach-72.txt', mimeType: 'text/plain', buffer: readFileSync(SEED_002) });
    await manager.getByTestId('review').waitFor();
  });

  it('2. reviews what was read: number, targets, the source highlighted beside', async () => {
    expect(await manager.locator('#fld-0-symbol').inputValue()).toMatch(/^72\/KH-/);
    await expect
      .poll(() => manager.getByTestId('target-block').count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await manager.locator('[data-testid="source-text"] mark.src-mark').first().waitFor();
    await expectAxeClean(manager, 'review');
    await shot(manager, 2, 'review');
  });

  it('3. saves it as the plan of LĐLĐ tỉnh Lai Châu', async () => {
    await manager.getByRole('button', { name: 'Lưu thành kế hoạch của đơn vị…' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByText('Liên đoàn Lao động tỉnh Lai Châu').waitFor();
    await dialog.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    await manager.waitForURL(/\/ke-hoach\/\d+$/);
    planId = Number(manager.url().split('/').pop());
    await manager.getByRole('heading', { name: /^72\/KH-/ }).waitFor();
    await manager.getByTestId('plan-targets').waitFor();
    await expectAxeClean(manager, 'plan page');
    await shot(manager, 3, 'plan-saved');
  });

  it('4. derives the implementing plan of Công đoàn phường Tân Phong', async () => {
    await manager.getByRole('button', { name: 'Xây dựng kế hoạch thực hiện' }).click();
    const dialog = manager.getByRole('dialog');
    await pickTreeUnit(manager, dialog.getByLabel('Đơn vị xây dựng kế hoạch'), 'Công đoàn phường Tân Phong');
    await shot(manager, 4, 'derive');
    await dialog.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await manager.waitForURL(/\/ke-hoach\/\d+\/sua$/);
    await manager.getByRole('heading', { name: 'Sửa dự thảo kế hoạch' }).waitFor();
    await manager.getByRole('button', { name: 'Lưu', exact: true }).click();
    await manager.waitForURL(/\/ke-hoach\/\d+$/);
  });

  it('5. issues it with the suggested number', async () => {
    await manager.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const dialog = manager.getByRole('dialog');
    const symbol = dialog.getByLabel('Số, ký hiệu');
    await expect.poll(() => symbol.inputValue(), { timeout: 10_000 }).toMatch(/^\d+\/KH-/);
    const issuedSymbol = await symbol.inputValue();
    // without the signer's name the dialog refuses and says what is missing (the unit's last
    // signer may be offered: the name is cleared first)
    await dialog.getByLabel('Họ và tên người ký').fill('');
    await dialog.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await dialog.getByText('chưa có họ tên người ký').waitFor();
    await dialog.getByLabel('Thẩm quyền ký').click();
    await manager
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'TM. — thay mặt tập thể' })
      .first()
      .click();
    await dialog.getByLabel('Thay mặt / ký thay cho').fill('BAN CHẤP HÀNH');
    await dialog.getByLabel('Chức vụ người ký').fill('CHỦ TỊCH');
    await dialog.getByLabel('Họ và tên người ký').fill('Lò Văn Minh');
    await dialog.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await manager.getByRole('heading', { name: issuedSymbol }).waitFor();
    await manager.getByText('Đã ban hành', { exact: true }).first().waitFor();
    await shot(manager, 5, 'issued');
  });

  it('6. the province binds its targets to indicators and asks its grassroots unions for an annual report', async () => {
    // The demo's indicators; which target each measures is read from the suggestions the tab shows.
    const { indicators } = await apiCall<{ indicators: Indicator[] }>(manager, 'GET', '/api/indicators');
    const byCode = (code: string) => {
      const found = indicators.find((i) => i.code === code);
      if (!found) throw new Error(`no demo indicator ${code}`);
      return found;
    };
    const form = ['TE_CB_TAPHUAN', 'TE_HD_CHAMLO', 'TE_TUYENTRUYEN'].map(byCode);
    const { targets } = await apiCall<{
      targets: { targetId: string; suggestions: { indicator: { id: number } }[] }[];
    }>(manager, 'GET', `/api/plans/${planId}/indicator-suggestions`);

    await manager.goto(`/ke-hoach/${planId}`);
    await manager.getByRole('tab', { name: 'Chỉ số đo chỉ tiêu' }).click();
    const tab = manager.getByTestId('target-indicators');
    let bound = 0;
    for (const [index, target] of targets.entries()) {
      const best = target.suggestions.find((s) => form.some((f) => f.id === s.indicator.id));
      const indicator = form.find((f) => f.id === best?.indicator.id);
      if (!indicator) continue;
      const n = index + 1;
      const select = tab.getByLabel(`Chỉ số đo chỉ tiêu ${n}`, { exact: true });
      await select.click();
      // Typed without diacritics, as on a phone keyboard without Telex: the search folds them.
      await select.fill(foldText(indicator.name));
      await manager.keyboard.press('Enter');
      await tab.getByRole('button', { name: `Xác nhận chỉ số của chỉ tiêu ${n}`, exact: true }).click();
      await tab
        .getByRole('row')
        .filter({ has: manager.getByRole('cell', { name: String(n), exact: true }) })
        .getByText('Đã xác nhận', { exact: true })
        .waitFor();
      bound += 1;
    }
    expect(bound).toBeGreaterThanOrEqual(2);
    await shot(manager, '06a', 'target-indicators');

    // From the plan to its reporting: a schedule made in the dialog, as a manager would.
    await manager.getByRole('button', { name: 'Lịch và tình hình báo cáo' }).click();
    await manager.waitForURL(new RegExp(`/ke-hoach/${planId}/bao-cao`));
    await manager.getByRole('button', { name: 'Thêm lịch báo cáo' }).first().click();
    const dialog = manager.getByRole('dialog', { name: 'Thêm lịch báo cáo' });
    await dialog.getByLabel('Tên báo cáo').fill(SCHEDULE_NAME);
    expect(await dialog.getByLabel('Hạn gửi (cấp kế hoạch)').inputValue()).toBe('10/11');
    await dialog.getByLabel('Từ năm').fill(year);
    await dialog.getByLabel('Đến năm').fill(year);
    const chooser = dialog.getByLabel('Chỉ số', { exact: true });
    for (const indicator of form) {
      await chooser.click();
      await chooser.fill(indicator.code);
      await manager.keyboard.press('Enter');
    }
    // With the list open (once its opening animation is over), the list is named like its field.
    await expect
      .poll(async () => describeViolations(await seriousAxeViolations(manager)), { timeout: 5_000 })
      .toBe('');
    await manager.keyboard.press('Escape');
    await manager.locator('.ant-select-dropdown').last().waitFor({ state: 'hidden' });
    for (const indicator of form.slice(0, 2))
      await dialog.getByRole('checkbox', { name: indicator.name, exact: true }).check();
    await expectAxeClean(manager, 'schedule dialog');
    await shot(manager, '06b', 'schedule-dialog');
    await dialog.getByRole('button', { name: 'Lưu', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await manager.waitForURL(/lich=\d+/);
    const scheduleId = Number(new URL(manager.url()).searchParams.get('lich'));
    const { schedules } = await apiCall<{ schedules: Schedule[] }>(
      manager,
      'GET',
      `/api/plans/${planId}/schedules`,
    );
    const schedule = schedules.find((s) => s.id === scheduleId);
    expect(schedule?.name).toBe(SCHEDULE_NAME);
    const period = schedule?.periods.find((p) => p.key.startsWith(year));
    expect(period).toBeDefined();
    periodId = period?.id ?? 0;
  });

  it('7. a grassroots union chair reports on a phone (390×844)', async () => {
    await signIn(officer, 'cdcs');
    // each role's home: the grassroots officer's reports due, and the link to all of them
    await officer.getByRole('link', { name: 'Tất cả báo cáo của đơn vị' }).click();
    await officer.waitForURL(/\/bao-cao$/);
    const card = officer.locator('.due-card').filter({ hasText: SCHEDULE_NAME });
    await card.waitFor();
    await shot(officer, 6, 'my-reports-phone');
    await expectAxeClean(officer, 'my reports (phone)');
    await card.getByRole('button', { name: /Bắt đầu làm|Tiếp tục/ }).click();
    await officer.waitForURL(/\/bao-cao\/\d+$/);
    const field = (label: string, category: string) =>
      officer.getByLabel(`${label} — ${category}`, { exact: true });
    await field(NUMERATOR, 'Tổng').fill('18');
    await field(DENOMINATOR, 'Tổng').fill('20');
    await field(NUMERATOR, 'Nam').fill('8');
    await field(DENOMINATOR, 'Nam').fill('9');
    await field(NUMERATOR, 'Nữ').fill('10');
    await field(DENOMINATOR, 'Nữ').fill('11');
    await officer.getByLabel('Giá trị (hoạt động)').fill('5');
    await officer.getByLabel(/^Kết quả thực hiện/).fill(RESULTS_TEXT);
    await expect
      .poll(() => officer.getByTestId('save-status').textContent(), { timeout: 15_000 })
      .toMatch(/Đã lưu lúc/);
    await officer
      .locator('.indicator-card')
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await officer.evaluate(() => window.scrollBy(0, -110));
    await shot(officer, 7, 'report-entry-phone');
    await expectAxeClean(officer, 'report entry (phone)');
    expect(await officer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await officer.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await officer.getByRole('dialog').getByRole('button', { name: 'Gửi' }).click();
    await officer.getByTestId('locked-tag').waitFor();
    await officer.locator('.report-header .report-status').getByText('Đã gửi').waitFor();
    await shot(officer, 8, 'submitted-phone');
  });

  it('8. the province manager approves it from the review queue', async () => {
    await manager.goto('/duyet-bao-cao');
    const item = manager.getByTestId('review-queue').locator('.due-card').filter({ hasText: SCHEDULE_NAME });
    await item.waitFor();
    await expectAxeClean(manager, 'review queue');
    await item.getByRole('button').click();
    await manager.waitForURL(/\/bao-cao\/\d+$/);
    await manager.getByText('18 / 20 = 90,0%').first().waitFor();
    await manager.getByRole('button', { name: 'Duyệt' }).click();
    await manager.getByRole('dialog').getByRole('button', { name: 'Duyệt' }).click();
    await manager.locator('.report-header .report-status').getByText('Đã duyệt').waitFor();
    await shot(manager, 9, 'approved');
  });

  it('9. the dashboard of the plan shows the reported figures and who has reported', async () => {
    await manager.goto(`/bang-dieu-khien?ke-hoach=${planId}&ky=${periodId}`);
    await manager.getByRole('heading', { name: 'Bảng điều khiển', level: 1 }).waitFor();
    const cards = manager.getByTestId('target-card');
    await cards.first().waitFor();
    // This year's period is still running: the approved figures show on the cards, marked provisional.
    await expect
      .poll(() => cards.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringMatching(/90\s?%[\s\S]*tạm tính/)]));
    const dashboard = await apiCall<{
      targets: {
        indicator: { code: string } | null;
        series: { periodId: number; value: number | null; reportingUnits: number }[];
      }[];
    }>(manager, 'GET', `/api/plans/${planId}/dashboard?periodId=${periodId}`);
    const figureOf = (code: string) =>
      dashboard.targets.find((t) => t.indicator?.code === code)?.series.find((p) => p.periodId === periodId);
    expect(figureOf('TE_CB_TAPHUAN')).toMatchObject({ value: 90, reportingUnits: 1 });
    expect(figureOf('TE_HD_CHAMLO')).toMatchObject({ value: 5, reportingUnits: 1 });
    // Completeness comes in its own request, after the figures.
    const numbers = manager.getByTestId('completeness-numbers');
    await numbers.waitFor();
    await expect.poll(() => numbers.textContent(), { timeout: 10_000 }).toMatch(/1/);
    await manager.locator('.dash-chart canvas').first().waitFor();
    await shot(manager, 10, 'dashboard');
    await expectAxeClean(manager, 'dashboard');
    // Every main screen has a “?” explaining it and the next step.
    await manager.getByRole('button', { name: 'Trợ giúp về màn hình này' }).click();
    const help = manager.getByRole('dialog', { name: 'Bảng điều khiển' });
    await help.getByText('Bước tiếp theo:').waitFor();
    expect(await help.textContent()).toContain('Báo cáo tổng hợp');
    await expectAxeClean(manager, 'dashboard help');
    await help.getByRole('button', { name: 'Đã hiểu' }).click();
    await help.waitFor({ state: 'hidden' });
  });

  it('10. the consolidated report compiles the grassroots text and downloads as DOCX', async () => {
    await manager.goto(`/bao-cao-tong-hop?ke-hoach=${planId}&ky=${periodId}`);
    await manager.getByRole('heading', { name: 'Báo cáo tổng hợp', level: 1 }).waitFor();
    const results = manager.getByLabel(/^1\. Kết quả thực hiện/);
    await results.waitFor();
    await expect
      .poll(() => results.inputValue(), { timeout: 10_000 })
      .toContain(`${SESSIONS} buổi sinh hoạt`);
    await shot(manager, 11, 'consolidated');
    await expectAxeClean(manager, 'consolidated report');
    const [download] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('button', { name: 'Tải DOCX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    docxPath = join(workDir, 'bao-cao-tong-hop.docx');
    await download.saveAs(docxPath);
    expect(readFileSync(docxPath).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('11. the DOCX converts to a PDF with the title, the unit and the typed number', () => {
    expect(docxPath).not.toBe('');
    const profile = join(workDir, 'lo-profile');
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        workDir,
        docxPath,
      ],
      { stdio: 'pipe', timeout: 200_000 },
    );
    const pdf = join(workDir, 'bao-cao-tong-hop.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    expect(pages).toBeGreaterThanOrEqual(1);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('BÁO CÁO');
    expect(text).toMatch(/LAI CHÂU|Lai Châu/);
    expect(text).toContain(`${SESSIONS} buổi sinh hoạt`);
    expect(text).toContain('18/20');
    // The first page as an image, beside the browser screenshots.
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, join(workDir, 'page')]);
    const page = readdirSync(workDir).find((f) => /^page-\d+\.png$/.test(f));
    expect(page).toBeDefined();
    copyFileSync(join(workDir, page ?? ''), join(SCREENSHOT_DIR, 'journey-12-consolidated-pdf.png'));
    console.info(`consolidated report: ${pages} PDF page(s), ${text.length} characters of text`);
  }, 240_000);

  it('left at least 8 screenshots and ran without page errors', () => {
    const shots = readdirSync(SCREENSHOT_DIR).filter((f) => /^journey-\d{2}-.+\.png$/.test(f));
    expect(shots.length).toBeGreaterThanOrEqual(8);
    expect(pageErrors).toEqual([]);
  });
});
