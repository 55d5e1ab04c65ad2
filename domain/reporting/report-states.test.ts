import { describe, expect, it } from 'vitest';
import {
  canTake,
  EDITABLE_STATES,
  isEditable,
  isSent,
  REPORT_TRANSITIONS,
  type ReportAction,
  type ReportState,
  refusalOf,
  roleMayTake,
  stateRefusalNoun,
} from './report-states.ts';

const STATES: ReportState[] = ['draft', 'submitted', 'returned', 'approved'];

describe('report states', () => {
  it('takes input only while a draft or returned', () => {
    expect(STATES.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(isEditable('not_started')).toBe(false);
    expect([...EDITABLE_STATES]).toEqual(['draft', 'returned']);
  });

  it('counts submitted and approved reports as sent', () => {
    expect(STATES.filter(isSent)).toEqual(['submitted', 'approved']);
  });

  it('allows each move from exactly its states', () => {
    const from = (action: ReportAction) => STATES.filter((s) => canTake(action, s));
    expect(from('save')).toEqual(['draft', 'returned']);
    expect(from('submit')).toEqual(['draft', 'returned']);
    expect(from('return')).toEqual(['submitted']);
    expect(from('approve')).toEqual(['submitted']);
    expect(from('unlock')).toEqual(['approved']);
  });

  it('leads each move to its state; a save keeps it', () => {
    expect(REPORT_TRANSITIONS.save.to).toBeNull();
    expect(REPORT_TRANSITIONS.submit.to).toBe('submitted');
    expect(REPORT_TRANSITIONS.return.to).toBe('returned');
    expect(REPORT_TRANSITIONS.approve.to).toBe('approved');
    expect(REPORT_TRANSITIONS.unlock.to).toBe('returned');
  });

  it('lets a returned report be sent again, and an unlocked one too', () => {
    expect(canTake('submit', REPORT_TRANSITIONS.return.to)).toBe(true);
    expect(canTake('submit', REPORT_TRANSITIONS.unlock.to)).toBe(true);
  });

  it('has the unit write and the level above review; unlocking needs a manager', () => {
    expect(REPORT_TRANSITIONS.save.reach).toBe('holder');
    expect(REPORT_TRANSITIONS.submit.reach).toBe('holder');
    expect(REPORT_TRANSITIONS.approve.reach).toBe('reviewer');
    expect(REPORT_TRANSITIONS.return.reach).toBe('reviewer');
    expect(REPORT_TRANSITIONS.unlock.reach).toBe('reviewer');
    expect(roleMayTake('approve', 'officer')).toBe(true);
    expect(roleMayTake('unlock', 'officer')).toBe(false);
    expect(roleMayTake('unlock', 'manager')).toBe(true);
    expect(roleMayTake('save', 'viewer')).toBe(false);
  });

  it('names the refusal: the role first, then the state', () => {
    expect(refusalOf('approve', 'draft', 'viewer')).toBe('role');
    expect(refusalOf('approve', 'draft', 'officer')).toBe('state');
    expect(refusalOf('approve', 'submitted', 'officer')).toBeNull();
    expect(refusalOf('save', 'approved', 'admin')).toBe('state');
  });

  it('says in which state a refused report is', () => {
    expect(stateRefusalNoun('submitted')).toBe('report_submitted');
    expect(stateRefusalNoun('approved')).toBe('report_approved');
    expect(stateRefusalNoun('returned')).toBe('report_returned');
  });
});
