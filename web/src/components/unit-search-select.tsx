import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchOrgUnits } from '../api/org.api.ts';

export interface UnitOption {
  id: number;
  name: string;
  code?: string;
}

interface UnitSearchSelectProps {
  id?: string;
  value?: number | number[] | null;
  onChange?: (value: number | number[] | null) => void;
  multiple?: boolean;
  /** Search the structure as it stood on this date. */
  date: string;
  /** Units whose labels are known up front (the current value, likely choices). */
  knownUnits?: readonly UnitOption[];
  excludeIds?: readonly number[];
  /** Told about every unit found, so a parent form can label choices elsewhere. */
  onUnitsSeen?: (units: UnitOption[]) => void;
  'aria-label'?: string;
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** Pick one or more units by typing part of a name or code (accents optional). */
export function UnitSearchSelect({
  id,
  value,
  onChange,
  multiple = false,
  date,
  knownUnits = [],
  excludeIds = [],
  onUnitsSeen,
  'aria-label': ariaLabel,
}: UnitSearchSelectProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), 250);
  const [seen, setSeen] = useState<Map<number, UnitOption>>(() => new Map());
  const search = useQuery({
    queryKey: ['org', 'search', debounced, date, 20],
    queryFn: ({ signal }) => searchOrgUnits(debounced, date, 20, signal),
    enabled: debounced.length >= 2,
  });

  useEffect(() => {
    if (!search.data) return;
    onUnitsSeen?.(search.data.map((unit) => ({ id: unit.id, name: unit.name, code: unit.code })));
    setSeen((current) => {
      const next = new Map(current);
      for (const unit of search.data) next.set(unit.id, { id: unit.id, name: unit.name, code: unit.code });
      return next;
    });
  }, [search.data, onUnitsSeen]);

  const options = useMemo(() => {
    const byId = new Map<number, UnitOption>();
    for (const unit of knownUnits) byId.set(unit.id, unit);
    const selected = Array.isArray(value) ? value : value ? [value] : [];
    for (const unitId of selected) {
      const known = seen.get(unitId);
      if (known) byId.set(unitId, known);
    }
    for (const unit of search.data ?? [])
      byId.set(unit.id, { id: unit.id, name: unit.name, code: unit.code });
    return [...byId.values()]
      .filter((unit) => !excludeIds.includes(unit.id))
      .map((unit) => ({ value: unit.id, label: unit.code ? `${unit.name} (${unit.code})` : unit.name }));
  }, [knownUnits, seen, search.data, value, excludeIds]);

  return (
    <Select<number | number[]>
      id={id}
      aria-label={ariaLabel}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      placeholder={t('common.searchUnitPlaceholder')}
      notFoundContent={debounced.length >= 2 && !search.isFetching ? t('common.noResults') : null}
      loading={search.isFetching}
      allowClear={!multiple}
    />
  );
}
