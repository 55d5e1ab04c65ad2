import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TExcelImportResult } from '../../../../contracts/reporting.ts';

/**
 * The cells an uploaded workbook was refused for, one row each. Its own module: antd's Table is
 * loaded only when a file has errors, so the report form stays small on a phone.
 */
export default function ExcelErrorTable({ errors }: { errors: TExcelImportResult['errors'] }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(e) => `${e.sheet}!${e.cell}:${e.message}`}
      dataSource={errors}
      pagination={errors.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 520 }}
      columns={[
        { title: t('reports.excel.sheet'), dataIndex: 'sheet', width: 140 },
        { title: t('reports.excel.cell'), dataIndex: 'cell', width: 70 },
        { title: t('reports.excel.reason'), dataIndex: 'message' },
      ]}
    />
  );
}
