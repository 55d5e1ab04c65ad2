import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
import { signIn } from './support/session.ts';

const SEED_002 = fileURLToPath(new URL('../resources/seeds/002_ecf9da9cd69f7705.txt', import.meta.url));

interface Extract {
  format: string;
  documents: { symbol: string | null; targets: { milestones: { value: number }[] }[] }[];
}

describe('reading a document', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ baseURL: server.baseUrl });
    watchPageErrors(page, pageErrors);
    await signIn(page, 'laichau');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reads pasted text and shows it beside the fields, with highlights', async () => {
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Văn bản' }).click();
    await page.getByRole('heading', { name: 'Văn bản', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Đọc văn bản mới' }).click();
    await page.getByRole('heading', { name: 'Đọc văn bản mới' }).waitFor();
    await page.getByText('Dán nội dung', { exact: true }).click();
    await page.getByLabel('Nội dung văn bản').fill(readFileSync(SEED_002, 'utf8'));
    await screenshot(page, '21-read-paste', false);
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    await page.getByTestId('review').waitFor();
    expect(await page.locator('#fld-0-symbol').inputValue()).toMatch(/^72\/KH-/);
    await expect.poll(() => page.getByTestId('target-block').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid="source-text"] mark.src-mark').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('uncertain-badge').count()).toBeGreaterThan(0);
    await screenshot(page, '22-review', false);
  });

  it('has no serious accessibility problems on the review screen', async () => {
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
  });

  it('links a field to its place in the source', async () => {
    const target = page.getByLabel('Chỉ tiêu 1', { exact: true });
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await page.locator('mark.src-mark--active').first().waitFor();
    expect((await page.locator('mark.src-mark--active').allTextContents()).join(' ')).toMatch(
      /can\s+bo\s+chu/,
    );
    await screenshot(page, '23-review-target-located', false);
  });

  it('exports the corrected result as plan-extract/v1 JSON', async () => {
    const firstTarget = page.getByTestId('target-block').first();
    const value = firstTarget.getByLabel('Giá trị').first();
    await value.fill('92');
    await value.press('Tab');
    await firstTarget.getByText('Đến năm 2025: trên 92%').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.plan-extract\.json$/);
    const extract = JSON.parse(readFileSync(await download.path(), 'utf8')) as Extract;
    expect(extract.format).toBe('plan-extract/v1');
    expect(extract.documents[0]?.symbol).toMatch(/^72\/KH-/);
    expect(extract.documents[0]?.targets[0]?.milestones[0]?.value).toBe(92);
  });

  it('saves the reviewed document as the plan of LĐLĐ tỉnh Lai Châu', async () => {
    await page.getByRole('button', { name: 'Lưu thành kế hoạch của đơn vị…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Liên đoàn Lao động tỉnh Lai Châu').waitFor();
    await screenshot(page, '24-save-as-plan', false);
    await dialog.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    await page.waitForURL(/\/ke-hoach\/\d+$/);
    await page.getByRole('heading', { name: /^72\/KH-/ }).waitFor();
    await page.getByText('Đến năm 2025: trên 92%').first().waitFor();
    await screenshot(page, '25-plan-from-document', false);
  });

  it('starts a new reading after the saved one, not the saved review again', async () => {
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Văn bản' }).click();
    await page.getByRole('button', { name: 'Đọc văn bản mới' }).click();
    await page.getByRole('heading', { name: 'Đọc văn bản mới' }).waitFor();
    expect(await page.locator('#fld-0-symbol').count()).toBe(0);
  });

  it("opens the user guide from a screen's help, at that screen's section, with its pictures", async () => {
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Văn bản' }).click();
    await page.getByTestId('page-help').click();
    await page.getByRole('link', { name: 'Mở hướng dẫn sử dụng' }).click();
    await page.waitForURL(/\/huong-dan#3-nhan-ke-hoach-cua-cap-tren$/);
    await page.getByRole('heading', { name: '3. Nhận kế hoạch của cấp trên' }).waitFor();
    const picture = page.locator('.guide img').first();
    await picture.scrollIntoViewIfNeeded();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByText('docs/huong-dan-su-dung.md').count()).toBe(0);
  });

  it('finds 72/KH typed without accents and walks its chain up to 59/KH-TLĐ and 28-CT/TW', async () => {
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Văn bản' }).click();
    await page.getByLabel('Tìm văn bản').fill('ke hoach 72');
    const table = page.getByTestId('documents-table');
    const link = table.getByRole('link', { name: /^72\/KH-/ }).first();
    await link.waitFor();
    await screenshot(page, '26-registry-search', false);
    await link.click();
    const up = page.getByTestId('chain-up');
    await up.getByRole('link', { name: /^59\/KH-TL[DĐ]$/ }).waitFor();
    await up.getByRole('link', { name: '28-CT/TW' }).waitFor();
    const stub = up.getByTestId('chain-node').filter({ hasText: '28-CT/TW' });
    await stub.getByTestId('known-by-reference').waitFor();
    await screenshot(page, '27-document-chain');
  });

  it('shows a document known only by reference without invented content', async () => {
    await page.getByTestId('chain-up').getByRole('link', { name: '28-CT/TW' }).click();
    await page.getByRole('heading', { name: '28-CT/TW' }).waitFor();
    await page.getByText('chỉ được biết qua trích dẫn').waitFor();
    const referencedBy = page.getByRole('link', { name: /^72\/KH-/ });
    expect(await referencedBy.count()).toBeGreaterThan(0);
    await screenshot(page, '28-known-by-reference', false);
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
