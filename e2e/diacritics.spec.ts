import { readFileSync } from 'node:fs';
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

/** A plan typed without diacritics: the accented seed 000 with every mark removed. */
const BARE = readFileSync(new URL('../resources/seeds/000_67631e6a61cea5fb.txt', import.meta.url), 'utf8')
  .normalize('NFD')
  .replace(/\p{M}+/gu, '')
  .replace(/đ/g, 'd')
  .replace(/Đ/g, 'D');

describe('a document read without diacritics', () => {
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

  it('offers the accented text beside the original, and uses it when asked', async () => {
    await page.goto('/van-ban/doc-moi');
    await page.getByRole('heading', { name: 'Đọc văn bản mới' }).waitFor();
    await page.getByText('Dán nội dung', { exact: true }).click();
    await page.getByLabel('Nội dung văn bản').fill(BARE);
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    await page.getByTestId('review').waitFor();
    const suggestion = page.getByTestId('diacritics-suggestion');
    await suggestion.waitFor();
    const title = page.locator('#fld-0-title');
    expect(await title.inputValue()).toContain('phong ngua, giam thieu tre em lao dong');
    expect(await suggestion.textContent()).toContain('phòng ngừa, giảm thiểu trẻ em lao động');
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
    await screenshot(page, '25-review-diacritics', false);
    await page.getByRole('button', { name: 'Dùng bản có dấu' }).click();
    await expect.poll(() => title.inputValue()).toContain('phòng ngừa, giảm thiểu trẻ em lao động');
    await page.getByText(/Đã dùng bản có dấu cho \d+ trường/).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
