import { TreeSelect } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { unitTreeNodes, useLazyOrgTree } from '../features/org/lazy-org-tree.ts';
import { todayIso } from '../lib/format.ts';
import { includesFolded } from '../lib/text.ts';
import type { WorkingUnitRef } from './working-unit.tsx';

interface UnitTreeSelectProps {
  id?: string;
  value: WorkingUnitRef | null;
  onChange: (unit: WorkingUnitRef | null) => void;
  /** The subtree offered (the user's home unit when null). */
  rootId?: number | null;
  /** Shown but not choosable (e.g. the plan's own unit when deriving). */
  disabledIds?: readonly number[];
  'aria-label'?: string;
  status?: 'error';
}

/** Choose a unit from the organisation tree, loaded a level at a time. */
export function UnitTreeSelect({
  id,
  value,
  onChange,
  rootId = null,
  disabledIds = [],
  status,
  'aria-label': ariaLabel,
}: UnitTreeSelectProps) {
  const { t } = useTranslation();
  const { tree, loadChildren } = useLazyOrgTree(todayIso(), rootId);
  const treeData = useMemo(() => unitTreeNodes(tree, tree.rootIds, disabledIds), [tree, disabledIds]);
  return (
    <TreeSelect<{ value: number; label?: ReactNode }>
      id={id}
      aria-label={ariaLabel}
      className="unit-tree-select"
      placeholder={t('header.unitSwitcherPlaceholder')}
      labelInValue
      value={value ? { value: value.id, label: value.name } : undefined}
      treeData={treeData}
      treeLoadedKeys={[...tree.loaded]}
      loadData={(node) => loadChildren(Number(node.value))}
      treeDefaultExpandedKeys={tree.rootIds}
      showSearch
      status={status}
      filterTreeNode={(input, node) => includesFolded(String(node.title ?? ''), input)}
      onChange={(picked) => {
        const chosen = picked ? tree.units.get(Number(picked.value)) : undefined;
        onChange(chosen ? { id: chosen.id, name: chosen.name } : null);
      }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'min(480px, 96vw)' } } }}
      listHeight={320}
    />
  );
}
