import type { TOrgUnitDetail } from '../../../../../contracts/org.ts';

export interface UnitActionProps {
  unit: TOrgUnitDetail;
  /** The date the page shows; default effective date of the change. */
  date: string;
  onClose: () => void;
  onDone: (result: TOrgUnitDetail) => void;
}

export const currentParent = (unit: TOrgUnitDetail): { id: number; name: string } | null => {
  const last = unit.ancestors.at(-1);
  return last ? { id: last.id, name: last.name } : null;
};
