import { describe, expect, it } from 'vitest';
import { ROUTES, reportPath } from '../routes.ts';
import { fromMenu, selectedMenuKey } from './menu-selection.ts';

const keys = [
  ROUTES.myReports,
  ROUTES.reviewQueue,
  ROUTES.reportingStatus,
  ROUTES.consolidated,
  ROUTES.plans,
];

describe('selectedMenuKey', () => {
  it('selects the item whose path is the location or a whole-segment prefix of it', () => {
    expect(selectedMenuKey(keys, ROUTES.myReports, null)).toBe(ROUTES.myReports);
    expect(selectedMenuKey(keys, reportPath(12), null)).toBe(ROUTES.myReports);
    expect(selectedMenuKey(keys, '/ke-hoach/3/sua', undefined)).toBe(ROUTES.plans);
  });

  it('does not take "/bao-cao" for a prefix of "/bao-cao-tong-hop"', () => {
    expect(selectedMenuKey(keys, ROUTES.consolidated, null)).toBe(ROUTES.consolidated);
  });

  it('keeps the item a page was reached from, when the state names a menu item', () => {
    expect(selectedMenuKey(keys, reportPath(12), fromMenu(ROUTES.reviewQueue))).toBe(ROUTES.reviewQueue);
    expect(selectedMenuKey(keys, reportPath(12), fromMenu('/khong-co'))).toBe(ROUTES.myReports);
    expect(selectedMenuKey(keys, reportPath(12), { other: 1 })).toBe(ROUTES.myReports);
  });

  it('selects nothing outside the menu', () => {
    expect(selectedMenuKey(keys, '/', null)).toBeUndefined();
    expect(selectedMenuKey(keys, '/van-ban', null)).toBeUndefined();
  });
});
