import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export interface WorkingUnitRef {
  id: number;
  name: string;
}

interface WorkingUnit {
  /** The unit chosen in the header; the organisation page shows its subtree. */
  unit: WorkingUnitRef;
  setUnit: (unit: WorkingUnitRef) => void;
}

const WorkingUnitContext = createContext<WorkingUnit | null>(null);

const storageKey = (userId: number) => `tiendo.unit.${userId}`;

function readStoredUnit(userId: number, fallback: WorkingUnitRef): WorkingUnitRef {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(storageKey(userId)) ?? 'null');
    if (typeof stored === 'object' && stored !== null && 'id' in stored && 'name' in stored) {
      const { id, name } = stored;
      if (typeof id === 'number' && typeof name === 'string') return { id, name };
    }
  } catch {
    // Unreadable: start from the home unit.
  }
  return fallback;
}

export function WorkingUnitProvider({
  userId,
  homeUnit,
  children,
}: {
  userId: number;
  homeUnit: WorkingUnitRef;
  children: ReactNode;
}) {
  const [unit, setUnitState] = useState(() => readStoredUnit(userId, homeUnit));
  const setUnit = useCallback(
    (next: WorkingUnitRef) => {
      setUnitState(next);
      try {
        window.localStorage.setItem(storageKey(userId), JSON.stringify(next));
      } catch {
        // Not remembered in private mode; harmless.
      }
    },
    [userId],
  );
  const value = useMemo(() => ({ unit, setUnit }), [unit, setUnit]);
  return <WorkingUnitContext.Provider value={value}>{children}</WorkingUnitContext.Provider>;
}

export function useWorkingUnit(): WorkingUnit {
  const value = useContext(WorkingUnitContext);
  if (!value) throw new Error('useWorkingUnit outside WorkingUnitProvider');
  return value;
}
