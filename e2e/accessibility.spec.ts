import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  launchBrowser,
  seriousAxeViolations,
  type TestBrowser,
} from './support/browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from './support/server.ts';
import { apiCall, signIn } from './support/session.ts';

/**
 * axe on every main page of the app, each fully loaded (title shown, requests done, no spinner),
 * for the role that uses it — and the phone pages on a phone. The journeys check some of these
 * pages in passing; this sweep makes sure none is left out.
 */

interface PlanSummary {
  id: number;
  status: 'draft' | 'issued';
  symbol: string | null;
}

async function settled(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached' });
}

describe('accessibility of every main page', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let admin: Page;
  let manager: Page;
  let phone: Page;
  const problems = new Map<string, string>();

  const check = async (page: Page, where: string, path: string) => {
    await settled(page, path);
    const found = describeViolations(await seriousAxeViolations(page));
    if (found) problems.set(`${where} (${path})`, found);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await browser.newPage({ baseURL: server.baseUrl });
    manager = await browser.newPage({ baseURL: server.baseUrl });
    phone = await browser.newPage({ baseURL: server.baseUrl, width: 390, height: 844 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sign-in page', async () => {
    await check(admin, 'sign-in', '/dang-nhap');
  });

  it('signs in by keyboard alone, the focus visible on every field it passes', async () => {
    const page = await browser.newPage({ baseURL: server.baseUrl });
    await settled(page, '/dang-nhap');
    /** Presses Tab until the field has the focus (as a keyboard user would), and says how it shows. */
    const tabTo = async (label: string) => {
      const field = page.getByLabel(label, { exact: true });
      for (let presses = 0; presses < 15; presses++) {
        if (await field.evaluate((el) => el === document.activeElement)) break;
        await page.keyboard.press('Tab');
      }
      expect(await field.evaluate((el) => el === document.activeElement), `${label} reached by Tab`).toBe(
        true,
      );
      // antd draws the focus ring as a box-shadow or an outline on the field or its wrapper.
      const ring = await field.evaluate((el) => {
        const shows = (node: Element | null) => {
          if (!node) return false;
          const style = getComputedStyle(node);
          return (
            style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && style.outlineWidth !== '0px')
          );
        };
        return shows(el) || shows(el.parentElement) || shows(el.closest('.ant-input-affix-wrapper'));
      });
      expect(ring, `${label} shows its focus`).toBe(true);
    };
    await tabTo('Tên đăng nhập');
    await page.keyboard.type('laichau');
    await tabTo('Mật khẩu');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  });

  it('administrator pages: organisation, users, audit trail', async () => {
    await signIn(admin, 'admin');
    await check(admin, 'organisation', '/to-chuc');
    await check(admin, 'users', '/nguoi-dung');
    await check(admin, 'audit trail', '/nhat-ky');
  });

  it('a province manager’s pages: documents, plans, tasks, reporting, dashboards', async () => {
    await signIn(manager, 'laichau');
    const { documents } = await apiCall<{ documents: { id: number }[] }>(
      manager,
      'GET',
      '/api/documents?q=ke%20hoach',
    );
    const { plans } = await apiCall<{ plans: PlanSummary[] }>(manager, 'GET', '/api/plans');
    const issued = plans.find((p) => p.status === 'issued' && p.symbol?.startsWith('72/KH'));
    const draft = plans.find((p) => p.status === 'draft');
    expect(documents.length).toBeGreaterThan(0);
    expect(issued && draft).toBeTruthy();
    await check(manager, 'documents', '/van-ban');
    await check(manager, 'read a document', '/van-ban/doc-moi');
    await check(manager, 'document and its chain', `/van-ban/${documents[0]!.id}`);
    await check(manager, 'plans', '/ke-hoach');
    await check(manager, 'plan', `/ke-hoach/${issued!.id}`);
    await check(manager, 'plan draft editor', `/ke-hoach/${draft!.id}/sua`);
    await check(manager, 'task board', '/bang-cong-viec');
    await check(manager, 'review queue', '/duyet-bao-cao');
    await check(manager, 'reporting status', `/ke-hoach/${issued!.id}/bao-cao`);
    await check(manager, 'dashboard', `/bang-dieu-khien?ke-hoach=${issued!.id}`);
    await check(manager, 'dashboard by unit', `/bang-dieu-khien?ke-hoach=${issued!.id}&xem=phan-cap`);
    await check(manager, 'consolidated report', '/bao-cao-tong-hop');
  });

  it('a grassroots chair’s pages on a phone: my reports and a report', async () => {
    await signIn(phone, 'cdcs');
    await check(phone, 'my reports (phone)', '/bao-cao');
    const { items } = await apiCall<{ items: { reportId: number | null }[] }>(
      phone,
      'GET',
      '/api/my-reports',
    );
    const opened = items.find((i) => i.reportId !== null);
    expect(opened).toBeDefined();
    await check(phone, 'report (phone)', `/bao-cao/${opened!.reportId}`);
  });

  it('the same pages in English', async () => {
    await manager.locator('[title="English"]').click();
    await manager
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Plans' })
      .waitFor();
    await check(manager, 'plans (en)', '/ke-hoach');
    await check(manager, 'review queue (en)', '/duyet-bao-cao');
  });

  it('has no serious or critical violation anywhere', () => {
    expect(Object.fromEntries(problems)).toEqual({});
  });
});
