import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { TOrgUnitAsOf } from '../../../../contracts/org.ts';
import { fetchOrgTree } from '../../api/org.api.ts';

/** Loaded part of the org tree: units by id, child ids by parent id, which nodes have their children. */
export interface LoadedOrgTree {
  units: Map<number, TOrgUnitAsOf>;
  children: Map<number, number[]>;
  loaded: Set<number>;
  rootIds: number[];
}

const EMPTY_TREE: LoadedOrgTree = { units: new Map(), children: new Map(), loaded: new Set(), rootIds: [] };

export const orgTreeQueryKey = (date: string, root: number | null) =>
  ['org', 'tree', date, root ?? 'home'] as const;

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Siblings in Vietnamese alphabetical order ("Hà Nội" before "Hải Phòng"), whatever the server sent. */
function sortByName(ids: readonly number[], units: ReadonlyMap<number, TOrgUnitAsOf>): number[] {
  return [...ids].sort((a, b) => collator.compare(units.get(a)?.name ?? '', units.get(b)?.name ?? ''));
}

/** Add units from one `/api/org/tree` answer; `requestedRoot` now has all its children. */
export function mergeOrgUnits(
  tree: LoadedOrgTree,
  incoming: readonly TOrgUnitAsOf[],
  requestedRoot: number | null,
): LoadedOrgTree {
  const units = new Map(tree.units);
  const children = new Map(tree.children);
  const loaded = new Set(tree.loaded);
  for (const unit of incoming) units.set(unit.id, unit);
  for (const unit of incoming) {
    if (unit.parentId === null || unit.id === requestedRoot) continue;
    const siblings = children.get(unit.parentId) ?? [];
    if (!siblings.includes(unit.id)) children.set(unit.parentId, [...siblings, unit.id]);
    loaded.add(unit.parentId);
  }
  if (requestedRoot !== null) loaded.add(requestedRoot);
  for (const [parentId, ids] of children) children.set(parentId, sortByName(ids, units));
  let rootIds = tree.rootIds;
  if (tree.units.size === 0) {
    rootIds = incoming.filter((u) => u.parentId === null || !units.has(u.parentId)).map((u) => u.id);
  }
  return { units, children, loaded, rootIds };
}

/** Grassroots unions never have sub-units; any other node is a leaf once loaded without children. */
export function isLeafUnit(tree: LoadedOrgTree, unit: TOrgUnitAsOf): boolean {
  if (unit.type === 'grassroots') return true;
  return tree.loaded.has(unit.id) && (tree.children.get(unit.id)?.length ?? 0) === 0;
}

/**
 * The org tree as of `date` under `root` (the user's home unit when null), one level at a time:
 * the first answer holds the root and its children; `loadChildren` fetches one more level.
 */
export function useLazyOrgTree(date: string, root: number | null) {
  const queryClient = useQueryClient();
  const base = useQuery({
    queryKey: orgTreeQueryKey(date, root),
    queryFn: ({ signal }) => fetchOrgTree({ date, root: root ?? undefined, maxDepth: 1 }, signal),
  });
  const [tree, setTree] = useState<LoadedOrgTree>(EMPTY_TREE);

  useEffect(() => {
    setTree(base.data ? mergeOrgUnits(EMPTY_TREE, base.data.units, root) : EMPTY_TREE);
  }, [base.data, root]);

  const loadChildren = useCallback(
    async (id: number): Promise<void> => {
      const answer = await queryClient.fetchQuery({
        queryKey: orgTreeQueryKey(date, id),
        queryFn: ({ signal }) => fetchOrgTree({ date, root: id, maxDepth: 1 }, signal),
      });
      setTree((current) => mergeOrgUnits(current, answer.units, id));
    },
    [queryClient, date],
  );

  return { tree, base, loadChildren };
}

/** A node of antd's TreeSelect for a unit of the loaded tree. */
export interface UnitTreeNode {
  value: number;
  title: string;
  isLeaf: boolean;
  disabled?: boolean;
  children?: UnitTreeNode[];
}

/** The loaded part of the tree as TreeSelect nodes (units in `disabledIds` shown but not choosable). */
export function unitTreeNodes(
  tree: LoadedOrgTree,
  ids: readonly number[],
  disabledIds: readonly number[] = [],
): UnitTreeNode[] {
  return ids.flatMap((id) => {
    const unit = tree.units.get(id);
    if (!unit) return [];
    const childIds = tree.children.get(id);
    return [
      {
        value: unit.id,
        title: unit.name,
        isLeaf: isLeafUnit(tree, unit),
        ...(disabledIds.includes(unit.id) ? { disabled: true } : {}),
        children: childIds?.length ? unitTreeNodes(tree, childIds, disabledIds) : undefined,
      },
    ];
  });
}
