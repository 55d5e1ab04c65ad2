import { describe, expect, it } from 'vitest';
import { homeSectionsFor, pagesFor } from './pages.ts';

describe('pagesFor', () => {
  it('shows a grassroots officer no review, no status of units, nothing to consolidate', () => {
    const pages = pagesFor('officer', false);
    expect(pages).toContain('myReports');
    expect(pages).not.toContain('reviewQueue');
    expect(pages).not.toContain('consolidated');
    expect(pages).not.toContain('reportingStatus');
    expect(pages).not.toContain('users');
  });
  it('shows a commune officer the reports of its units to review', () => {
    expect(pagesFor('officer', true)).toEqual(expect.arrayContaining(['reviewQueue', 'consolidated']));
  });
  it('shows a leader (viewer) the plans and dashboards, no report to fill nor to review', () => {
    const pages = pagesFor('viewer', true);
    expect(pages).toEqual(expect.arrayContaining(['home', 'dashboard', 'plans', 'reportingStatus']));
    expect(pages).not.toContain('myReports');
    expect(pages).not.toContain('reviewQueue');
  });
  it('keeps users and exchange to managers, the audit log to administrators', () => {
    expect(pagesFor('manager', true)).toEqual(expect.arrayContaining(['users', 'exchange']));
    expect(pagesFor('manager', true)).not.toContain('audit');
    expect(pagesFor('admin', true)).toContain('audit');
  });
});

describe('homeSectionsFor', () => {
  it('starts a leader from the plans and who is late', () => {
    expect(homeSectionsFor('viewer', true)).toEqual(['plansProgress', 'lateUnits']);
  });
  it("gives a manager the day's work", () => {
    expect(homeSectionsFor('manager', true)).toEqual([
      'reportsDue',
      'returned',
      'review',
      'plansToAct',
      'lateUnits',
      'deadlines',
      'plansProgress',
    ]);
  });
  it('gives a grassroots officer its reports due and returned', () => {
    expect(homeSectionsFor('officer', false)).toEqual(['reportsDue', 'returned']);
  });
});
