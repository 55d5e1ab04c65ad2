import { useSearchParams } from 'react-router';
import { useWorkingUnit } from '../../components/working-unit.tsx';

/** The unit a roster or activity page shows: `?don-vi=` (from the unit's menu), else the working unit. */
export function usePageUnit(): { id: number; name: string | null } {
  const [params] = useSearchParams();
  const { unit } = useWorkingUnit();
  const fromLink = Number(params.get('don-vi'));
  return Number.isInteger(fromLink) && fromLink > 0 && fromLink !== unit.id
    ? { id: fromLink, name: null }
    : { id: unit.id, name: unit.name };
}
