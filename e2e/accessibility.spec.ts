import type { Locator, Page } from 'playwright-core';
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

/** Presses Tab until `target` has the focus, as a keyboard user would (at most `presses` times). */
async function tabUntilFocused(page: Page, target: Locator, name: string, presses: number): Promise<void> {
  for (let n = 0; n < presses; n++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  expect(await target.evaluate((el) => el === document.activeElement), `${name} reached by Tab`).toBe(true);
}

/**
 * Whether an element with the focus shows it: antd draws the ring as a box-shadow or an outline on
 * the control or on one of its wrappers (the select's box, the number input's frame, the
 * checkbox's square next to its hidden input). A ring counts only if it goes when the element
 * loses the focus (antd's buttons carry a shadow at rest): the styles are read again once the
 * blur's transitions are over, and the focus is given back.
 */
async function focusShows(target: Locator): Promise<boolean> {
  const rings = () =>
    target.evaluate((el) =>
      [
        el,
        el.parentElement,
        el.parentElement?.parentElement ?? null,
        el.closest('.ant-input-affix-wrapper'),
        el.closest('.ant-select'),
        el.closest('.ant-input-number'),
        el.nextElementSibling,
      ].map((node) => {
        if (!node) return '';
        const style = getComputedStyle(node);
        const outline = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        return `${style.boxShadow}|${outline ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` : ''}`;
      }),
    );
  const focused = await rings();
  await target.evaluate((el) => (el as HTMLElement).blur());
  await new Promise((resolve) => setTimeout(resolve, 400));
  const rest = await rings();
  await target.evaluate((el) => (el as HTMLElement).focus());
  return focused.some((ring, i) => ring !== rest[i] && ring !== 'none|');
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
    const tabTo = async (label: string) => {
      const field = page.getByLabel(label, { exact: true });
      await tabUntilFocused(page, field, label, 15);
      expect(await focusShows(field), `${label} shows its focus`).toBe(true);
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
  it('adds a report schedule by keyboard alone: every control in the dialog shows its focus, Escape closes a list before the dialog', async () => {
    const page = await browser.newPage({ baseURL: server.baseUrl });
    await signIn(page, 'laichau');
    const { plans } = await apiCall<{ plans: PlanSummary[] }>(page, 'GET', '/api/plans');
    const issued = plans.find((p) => p.status === 'issued' && p.symbol?.startsWith('72/KH'));
    const { indicators } = await apiCall<{ indicators: { code: string; name: string }[] }>(
      page,
      'GET',
      '/api/indicators',
    );
    expect(issued && indicators.length > 0).toBeTruthy();
    await settled(page, `/ke-hoach/${issued!.id}/bao-cao`);
    const opener = page.getByRole('button', { name: 'Thêm lịch báo cáo' }).first();
    await tabUntilFocused(page, opener, 'Thêm lịch báo cáo', 80);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Thêm lịch báo cáo' });
    await dialog.waitFor();
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);

    const name = dialog.getByLabel('Tên báo cáo');
    await tabUntilFocused(page, name, 'Tên báo cáo', 10);
    await page.keyboard.type('Báo cáo quý nhập bằng bàn phím');
    const chooser = dialog.getByLabel('Chỉ số', { exact: true });
    await tabUntilFocused(page, chooser, 'Chỉ số', 15);
    const indicator = indicators[0]!;
    await page.keyboard.type(indicator.code);
    await page.keyboard.press('Enter');
    // Escape closes the open list and leaves the dialog (and what was typed) as it was.
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown').last().waitFor({ state: 'hidden' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await name.inputValue()).toBe('Báo cáo quý nhập bằng bàn phím');

    // Every stop of the dialog's Tab order, once round: each shows that it has the focus.
    const stops: string[] = [];
    const unseen: string[] = [];
    // After the dialog's last control the focus may leave the page for the browser's own controls
    // (as after any page's last control); the next Tab brings it back into the dialog, never to the
    // page behind it.
    let outside = 0;
    for (let n = 0; n < 60; n++) {
      await page.keyboard.press('Tab');
      // Each element is marked when first reached: the walk ends when the focus comes back round.
      const stop = await page.evaluate((n) => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const label =
          el.getAttribute('aria-label') ??
          (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
          el.closest('label')?.textContent ??
          el.textContent ??
          '';
        const seen = el.hasAttribute('data-tab-stop');
        if (!seen) el.setAttribute('data-tab-stop', String(n));
        return {
          described: `${el.tagName.toLowerCase()} ${label.trim().slice(0, 40)}`,
          seen,
          inDialog: el.closest('[role=dialog]') !== null,
        };
      }, n);
      if (stop === null) {
        outside++;
        expect(outside, `the focus comes back after ${stops.join(' | ')}`).toBe(1);
        continue;
      }
      expect(stop!.inDialog, `${stop!.described} inside the dialog`).toBe(true);
      if (stop!.seen) break;
      stops.push(stop!.described);
      if (!(await focusShows(page.locator(`[data-tab-stop="${n}"]`)))) unseen.push(stop!.described);
    }
    expect(stops.length, stops.join(' | ')).toBeGreaterThan(10);
    expect(unseen, `no visible focus on: ${unseen.join(' | ')}`).toEqual([]);

    // Saved with Enter on its button; the dialog closes and the new schedule is chosen.
    await tabUntilFocused(page, dialog.getByRole('button', { name: 'Lưu', exact: true }), 'Lưu', 60);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForURL(/lich=\d+/);
  });
});
