import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Drawer, Grid, Row, Space, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrgUnitAsOf } from '../../../../contracts/org.ts';
import { orgExportUrl } from '../../api/org.api.ts';
import { PageHelp } from '../../components/page-help.tsx';
import { useWorkingUnit } from '../../components/working-unit.tsx';
import { DISPLAY_DATE_FORMAT, fromIsoDate, toIsoDate } from '../../lib/format.ts';
import { canManage, useSession } from '../auth/session.ts';
import { ImportOrgDialog } from './import-org-dialog.tsx';
import { useOrgPageParams } from './org-page-params.ts';
import { OrgSearch } from './org-search.tsx';
import { OrgTreePanel } from './org-tree-panel.tsx';
import { UnitDetailPanel, useUnitDetail } from './unit-detail-panel.tsx';

/** A unit not in force on `date` is shown on its first or last day instead. */
function dateWhenValid(unit: TOrgUnitAsOf, date: string): string {
  if (unit.validFrom > date) return unit.validFrom;
  if (unit.validTo && unit.validTo < date) return unit.validTo;
  return date;
}

function AsOfDatePicker({ date, onChange }: { date: string; onChange: (date: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="as-of-date">
      <label htmlFor={id} className="field-label">
        {t('org.asOfDate')}
      </label>
      <DatePicker
        id={id}
        value={fromIsoDate(date)}
        format={DISPLAY_DATE_FORMAT}
        allowClear={false}
        onChange={(value) => {
          if (value) onChange(toIsoDate(value));
        }}
      />
    </div>
  );
}

function OrgExportLinks({ date }: { date: string }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined aria-hidden />} href={orgExportUrl('csv', date)} download>
        {t('org.exportCsv')}
      </Button>
      <Button icon={<DownloadOutlined aria-hidden />} href={orgExportUrl('xlsx', date)} download>
        {t('org.exportXlsx')}
      </Button>
    </Space>
  );
}

/** The organisation as of a date: tree and search on the left, the chosen unit on the right. */
export default function OrgPage() {
  const { t } = useTranslation();
  const session = useSession();
  const role = session.data?.user.role;
  const canEdit = canManage(role);
  const { unit: workingUnit } = useWorkingUnit();
  const { date, selectedId, update } = useOrgPageParams();
  const [importing, setImporting] = useState(false);
  const selected = useUnitDetail(selectedId, date);
  const pathIds = selected.data ? [...selected.data.ancestors.map((a) => a.id), selected.data.id] : [];

  const isWide = Grid.useBreakpoint().lg === true;
  // On wide screens the working unit is shown until another is chosen; phones show the tree first.
  const shownId = selectedId ?? (isWide ? workingUnit.id : null);
  const detailPanel = shownId ? (
    <UnitDetailPanel
      key={shownId}
      unitId={shownId}
      date={date}
      canEdit={canEdit}
      onResult={(result) => update({ selectedId: result.id })}
    />
  ) : null;

  useEffect(() => {
    document.title = `${t('org.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  return (
    <div className="org-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('org.pageTitle')}</Typography.Title>
          <PageHelp topic="org" />
        </div>
        <Space wrap>
          <OrgExportLinks date={date} />
          {canEdit && (
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              {t('org.importButton')}
            </Button>
          )}
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card className="org-tree-card">
            <div className="org-toolbar">
              <AsOfDatePicker date={date} onChange={(next) => update({ date: next })} />
              <OrgSearch
                date={date}
                onPick={(unit) => update({ selectedId: unit.id, date: dateWhenValid(unit, date) })}
              />
            </div>
            <OrgTreePanel
              key={`${date}-${workingUnit.id}`}
              date={date}
              rootId={workingUnit.id}
              selectedId={selectedId}
              pathIds={pathIds}
              onSelect={(id) => update({ selectedId: id })}
            />
          </Card>
        </Col>
        {isWide && (
          <Col lg={14} xl={15}>
            {detailPanel ?? (
              <Card className="unit-detail unit-detail--empty">
                <Typography.Text type="secondary">{t('org.selectHint')}</Typography.Text>
              </Card>
            )}
          </Col>
        )}
      </Row>
      {!isWide && (
        <Drawer
          open={detailPanel !== null}
          onClose={() => update({ selectedId: null })}
          placement="right"
          size="100%"
          title={selected.data?.name ?? t('app.loading')}
          styles={{ body: { padding: 8 } }}
        >
          {detailPanel}
        </Drawer>
      )}
      {importing && <ImportOrgDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
