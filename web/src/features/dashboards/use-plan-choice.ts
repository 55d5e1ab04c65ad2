import { useQueries, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { TPlanSummary } from '../../../../contracts/plans.ts';
import { fetchPlans } from '../../api/plans.api.ts';
import { fetchPlanSchedules } from '../../api/reports.api.ts';
import { useWorkingUnit } from '../../components/working-unit.tsx';

/** Plans looked at for a reporting schedule when choosing the default one. */
const PROBED_PLANS = 20;

export const planLabel = (p: Pick<TPlanSummary, 'symbol' | 'title' | 'unitName'>): string =>
  `${p.symbol ? `${p.symbol} — ` : ''}${p.title.slice(0, 90)} (${p.unitName})`;

/**
 * The plan and period chosen in the URL (`?ke-hoach=&ky=`); without a choice, the first plan of the
 * working unit that has a reporting schedule (the server picks the period).
 */
export function usePlanChoice() {
  const [search, setSearch] = useSearchParams();
  const { unit } = useWorkingUnit();
  const plans = useQuery({
    queryKey: ['plans', 'list', unit.id],
    queryFn: ({ signal }) => fetchPlans(unit.id, signal),
  });
  const chosenPlan = search.get('ke-hoach') ? Number(search.get('ke-hoach')) : undefined;
  const probed = chosenPlan === undefined ? (plans.data ?? []).slice(0, PROBED_PLANS) : [];
  const schedules = useQueries({
    queries: probed.map((p) => ({
      queryKey: ['reports', 'schedules', p.id],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchPlanSchedules(p.id, signal),
    })),
  });
  const probing = schedules.some((s) => s.isPending);
  const withSchedule = probed.find((_, i) => (schedules[i]?.data?.length ?? 0) > 0);
  const planId = chosenPlan ?? (probing ? undefined : (withSchedule ?? probed[0])?.id);
  const periodId = search.get('ky') ? Number(search.get('ky')) : undefined;

  const choose = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setSearch(next, { replace: true });
  };

  return {
    plans,
    planId,
    periodId,
    /** Still deciding which plan to show. */
    deciding: plans.isPending || (chosenPlan === undefined && probing),
    search,
    choose,
  };
}
