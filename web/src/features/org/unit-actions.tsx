import {
  BranchesOutlined,
  DragOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrgUnitDetail } from '../../../../contracts/org.ts';
import type { UnitActionProps } from './actions/action-props.ts';
import { CloseUnitForm } from './actions/close-unit-form.tsx';
import { CreateChildUnitForm } from './actions/create-child-unit-form.tsx';
import { MergeUnitsForm } from './actions/merge-units-form.tsx';
import { MoveUnitForm } from './actions/move-unit-form.tsx';
import { RenameUnitForm } from './actions/rename-unit-form.tsx';
import { SplitUnitForm } from './actions/split-unit-form.tsx';

type ActionKey = 'rename' | 'move' | 'createChild' | 'merge' | 'split' | 'close';

const ACTIONS: { key: ActionKey; icon: ReactNode; form: (props: UnitActionProps) => ReactNode }[] = [
  { key: 'rename', icon: <EditOutlined aria-hidden />, form: RenameUnitForm },
  { key: 'move', icon: <DragOutlined aria-hidden />, form: MoveUnitForm },
  { key: 'createChild', icon: <PlusOutlined aria-hidden />, form: CreateChildUnitForm },
  { key: 'merge', icon: <MergeCellsOutlined aria-hidden />, form: MergeUnitsForm },
  { key: 'split', icon: <BranchesOutlined aria-hidden />, form: SplitUnitForm },
  { key: 'close', icon: <StopOutlined aria-hidden />, form: CloseUnitForm },
];

/** Change buttons for managers and administrators; each opens its form in a dialog. */
export function UnitActions({
  unit,
  date,
  onResult,
}: {
  unit: TOrgUnitDetail;
  date: string;
  onResult: (result: TOrgUnitDetail) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ActionKey | null>(null);
  const ended = unit.validTo !== null && unit.validTo < date;
  const active = ACTIONS.find((action) => action.key === open);
  const ActiveForm = active?.form;

  return (
    <>
      <Flex wrap gap={8} role="group" aria-label={t('org.actions.title')}>
        {ACTIONS.map((action) => (
          <Button
            key={action.key}
            size="small"
            icon={action.icon}
            danger={action.key === 'close'}
            disabled={ended}
            onClick={() => setOpen(action.key)}
          >
            {t(`org.actions.${action.key}`)}
          </Button>
        ))}
      </Flex>
      {ActiveForm && (
        <ActiveForm
          unit={unit}
          date={date}
          onClose={() => setOpen(null)}
          onDone={(result) => {
            setOpen(null);
            onResult(result);
          }}
        />
      )}
    </>
  );
}
