import { describe, expect, it } from 'vitest';
import { type Attendance, attendedShare, countingWindow, type RosterEntry } from './attended-share.ts';

const definition = { rosterCategory: 'can_bo_chu_chot', activityKind: 'tap_huan' };
const window = { from: '2026-01-01', to: '2026-06-30' };

function person(id: number, extra: Partial<RosterEntry> = {}): RosterEntry {
  return { id, category: 'can_bo_chu_chot', validFrom: '2025-01-01', validTo: null, ...extra };
}
function went(personId: number, heldOn: string, activityKind = 'tap_huan'): Attendance {
  return { personId, heldOn, activityKind };
}

describe('attendedShare', () => {
  it('counts a cadre who attended two sessions once', () => {
    const roster = [person(1), person(2), person(3)];
    const result = attendedShare(
      definition,
      roster,
      [went(1, '2026-03-01'), went(1, '2026-04-01'), went(2, '2026-04-01')],
      window,
    );
    expect(result.numerator).toBe(2);
    expect(result.denominator).toBe(3);
    expect(result.sessions.get(1)).toBe(2);
    expect(result.sessions.get(3)).toBeUndefined();
  });

  it('leaves out other kinds, sessions outside the window, other categories and people not on the roster at its end', () => {
    const roster = [
      person(1),
      person(2, { category: 'can_bo_nu_cong' }),
      person(3, { validTo: '2026-05-31' }),
      person(4, { validFrom: '2026-07-01' }),
      person(5),
    ];
    const attendance = [
      went(1, '2026-03-01', 'tuyen_truyen'),
      went(1, '2025-12-31'),
      went(1, '2026-07-01'),
      went(2, '2026-03-01'),
      went(3, '2026-03-01'),
      went(4, '2026-03-01'),
      went(99, '2026-03-01'),
      went(5, '2026-06-30'),
      went(5, '2026-01-01'),
    ];
    const result = attendedShare(definition, roster, attendance, window);
    expect(result.counted).toEqual([1, 5]);
    expect(result.numerator).toBe(1);
    expect(result.denominator).toBe(2);
  });

  it('gives 0 / 0 for an empty roster', () => {
    expect(attendedShare(definition, [], [went(1, '2026-03-01')], window)).toMatchObject({
      numerator: 0,
      denominator: 0,
    });
  });

  it('never counts more people than the roster holds (random rosters and sessions)', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const roster = Array.from({ length: next(20) }, (_, i) =>
        person(i + 1, { category: next(2) ? 'can_bo_chu_chot' : 'uy_vien_bch' }),
      );
      const attendance = Array.from({ length: next(60) }, () =>
        went(next(25) + 1, `2026-0${next(9) + 1}-1${next(9)}`, next(3) ? 'tap_huan' : 'khac'),
      );
      const result = attendedShare(definition, roster, attendance, window);
      // the hand count: the distinct ids in the category that have a matching session
      const hand = new Set(
        attendance
          .filter((a) => a.activityKind === 'tap_huan' && a.heldOn >= window.from && a.heldOn <= window.to)
          .map((a) => a.personId)
          .filter((id) => roster.some((p) => p.id === id && p.category === 'can_bo_chu_chot')),
      );
      expect(result.numerator).toBe(hand.size);
      expect(result.numerator).toBeLessThanOrEqual(result.denominator);
    }
  });
});

describe('countingWindow', () => {
  it("starts on the plan's first day and ends on the period's end", () => {
    expect(countingWindow({ yearFrom: 2025 }, { startsOn: '2026-01-01', endsOn: '2026-06-30' })).toEqual({
      from: '2025-01-01',
      to: '2026-06-30',
    });
  });
  it('falls back to the period when the plan has no first year', () => {
    expect(countingWindow({ yearFrom: null }, { startsOn: '2026-07-01', endsOn: '2026-12-31' })).toEqual({
      from: '2026-07-01',
      to: '2026-12-31',
    });
  });
});
