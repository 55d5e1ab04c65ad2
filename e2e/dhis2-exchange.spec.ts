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

/** A province's manager gives an indicator's cell its DHIS2 data element on the exchange page. */
describe('DHIS2 exchange page', () => {
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

  it('maps a cell to a data element and shows it, in Vietnamese, without serious axe violations', async () => {
    await signIn(page, 'laichau');
    await page.getByRole('link', { name: 'Trao đổi DHIS2' }).click();
    await page.getByRole('heading', { name: 'Trao đổi số liệu với DHIS2' }).waitFor();
    const card = page.getByTestId('exchange-data-elements');
    await card.getByRole('button', { name: 'Gắn mã' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Phần tử dữ liệu (data element)').fill('DE_E2E_01');
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('DE_E2E_01').waitFor();
    await screenshot(page, 'dhis2-exchange-01-mapped');
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
    const mapping = (await (await page.request.get('/api/exchange/mapping')).json()) as {
      dataElements: { dataElement: string }[];
    };
    expect(mapping.dataElements.map((d) => d.dataElement)).toContain('DE_E2E_01');
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
