import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate, todayIso } from '../../lib/format.ts';
import { ROUTES } from '../../routes.ts';

/** URL of the org page showing one unit on one date, e.g. `/to-chuc?don-vi=12&ngay=2025-06-30`. */
export function unitHref(id: number, date: string): string {
  return `${ROUTES.organisation}?${new URLSearchParams({ 'don-vi': String(id), ngay: date })}`;
}

/** The page state lives in the URL so a view can be shared and the back button works. */
export function useOrgPageParams() {
  const [params, setParams] = useSearchParams();
  const rawDate = params.get('ngay');
  const date = isIsoDate(rawDate) ? rawDate : todayIso();
  const rawUnit = Number(params.get('don-vi'));
  const selectedId = Number.isInteger(rawUnit) && rawUnit > 0 ? rawUnit : null;

  const update = useCallback(
    (next: { date?: string; selectedId?: number | null }) => {
      setParams((current) => {
        const copy = new URLSearchParams(current);
        if (next.date !== undefined) copy.set('ngay', next.date);
        if (next.selectedId !== undefined) {
          if (next.selectedId === null) copy.delete('don-vi');
          else copy.set('don-vi', String(next.selectedId));
        }
        return copy;
      });
    },
    [setParams],
  );

  return { date, selectedId, update };
}
