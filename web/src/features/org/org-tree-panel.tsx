import { Alert, Empty, Spin, Tree, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrgUnitAsOf } from '../../../../contracts/org.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { isLeafUnit, type LoadedOrgTree, useLazyOrgTree } from './lazy-org-tree.ts';

interface OrgTreeNode extends TreeDataNode {
  key: number;
  unit: TOrgUnitAsOf;
  children?: OrgTreeNode[];
}

function toTreeNodes(tree: LoadedOrgTree, ids: readonly number[]): OrgTreeNode[] {
  return ids.flatMap((id) => {
    const unit = tree.units.get(id);
    if (!unit) return [];
    const childIds = tree.children.get(id);
    return [
      {
        key: unit.id,
        unit,
        isLeaf: isLeafUnit(tree, unit),
        children: childIds?.length ? toTreeNodes(tree, childIds) : undefined,
      },
    ];
  });
}

function OrgTreeNodeTitle({ unit }: { unit: TOrgUnitAsOf }) {
  const { t } = useTranslation();
  return (
    <span className="org-node" data-unit-id={unit.id} data-unit-type={unit.type} data-unit-code={unit.code}>
      <span className="org-node__name">{unit.name}</span>
      <span className="org-node__meta">
        <span className="org-node__code">{unit.code}</span> · {t(`org.type.${unit.type}`)}
      </span>
    </span>
  );
}

/** Load and expand the path down to a unit picked elsewhere (search, link). */
function useRevealPath(
  tree: LoadedOrgTree,
  pathIds: readonly number[],
  loadChildren: (id: number) => Promise<void>,
  setExpanded: (update: (keys: number[]) => number[]) => void,
) {
  const pathKey = pathIds.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per path; `tree` is read as it stands
  useEffect(() => {
    const pending = pathIds.filter((id) => tree.units.has(id) && !tree.loaded.has(id));
    const inTree = pathIds.filter((id) => tree.units.has(id));
    if (inTree.length > 0) setExpanded((keys) => [...new Set([...keys, ...inTree])]);
    const next = pending[0];
    if (next !== undefined) void loadChildren(next);
  }, [pathKey, tree.units.size]);
}

export function OrgTreePanel({
  date,
  rootId,
  selectedId,
  pathIds,
  onSelect,
}: {
  date: string;
  rootId: number | null;
  selectedId: number | null;
  /** Ancestors of the selected unit, to open the tree down to it. */
  pathIds: readonly number[];
  onSelect: (id: number) => void;
}) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const { tree, base, loadChildren } = useLazyOrgTree(date, rootId);
  const [expanded, setExpanded] = useState<number[]>([]);
  const treeData = useMemo(() => toTreeNodes(tree, tree.rootIds), [tree]);

  useEffect(() => {
    setExpanded(tree.rootIds);
  }, [tree.rootIds]);

  useRevealPath(tree, pathIds, loadChildren, setExpanded);

  // Bring the chosen unit into view once its branch is open (after a search or a link).
  const selectedShown = selectedId !== null && tree.units.has(selectedId) && expanded.length > 0;
  useEffect(() => {
    if (!selectedShown) return;
    const timer = window.setTimeout(() => {
      document
        .querySelector(`.org-tree [data-unit-id="${selectedId}"]`)
        ?.scrollIntoView({ block: 'nearest' });
    }, 50);
    return () => window.clearTimeout(timer);
  }, [selectedId, selectedShown]);

  if (base.isPending) return <Spin className="org-tree__spin" />;
  if (base.isError) return <Alert type="error" showIcon title={describe(base.error)} />;
  if (treeData.length === 0) return <Empty description={t('org.treeEmpty')} />;

  return (
    <div className="org-tree-scroll">
      <Tree<OrgTreeNode>
        className="org-tree"
        aria-label={t('org.treeLabel')}
        treeData={treeData}
        blockNode
        showLine={{ showLeafIcon: false }}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(Number))}
        loadedKeys={[...tree.loaded]}
        loadData={(node) => loadChildren(node.key)}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(_keys, info) => onSelect(info.node.key)}
        titleRender={(node) => <OrgTreeNodeTitle unit={node.unit} />}
      />
    </div>
  );
}
