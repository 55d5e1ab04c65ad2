import { TreeSelect } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { unitTreeNodes, useLazyOrgTree } from '../features/org/lazy-org-tree.ts';
import { todayIso } from '../lib/format.ts';
import { includesFolded } from '../lib/text.ts';
import { useWorkingUnit } from './working-unit.tsx';

/**
 * Header picker of the working unit: the user's home subtree, children loaded on demand. Loaded
 * (with antd's TreeSelect and the org tree request) only once the user reaches for the picker.
 */
export default function UnitSwitcherPicker({ opened }: { opened: boolean }) {
  const { t } = useTranslation();
  const { unit, setUnit } = useWorkingUnit();
  const { tree, loadChildren } = useLazyOrgTree(todayIso(), null);
  const treeData = useMemo(() => unitTreeNodes(tree, tree.rootIds), [tree]);

  return (
    <TreeSelect<{ value: number; label?: ReactNode }>
      className="unit-switcher"
      aria-label={t('header.unitSwitcher')}
      placeholder={t('header.unitSwitcherPlaceholder')}
      labelInValue
      value={{ value: unit.id, label: unit.name }}
      treeData={treeData}
      treeLoadedKeys={[...tree.loaded]}
      loadData={(node) => loadChildren(Number(node.value))}
      treeDefaultExpandedKeys={tree.rootIds}
      showSearch
      filterTreeNode={(input, node) => includesFolded(String(node.title ?? ''), input)}
      onChange={(picked) => {
        const chosen = picked ? tree.units.get(Number(picked.value)) : undefined;
        if (chosen) setUnit({ id: chosen.id, name: chosen.name });
      }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'min(480px, 96vw)' } } }}
      listHeight={360}
      autoFocus={opened}
      defaultOpen={opened}
    />
  );
}
