import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ROUTES } from '../routes.ts';
import { LazyModal } from './lazy-overlay.tsx';

/** The screens that carry a help button; each has `help.<topic>.{title,what,next}` in the i18n files. */
export type HelpTopic =
  | 'org'
  | 'users'
  | 'documents'
  | 'read'
  | 'review'
  | 'plans'
  | 'plan'
  | 'planEdit'
  | 'myReports'
  | 'report'
  | 'reviewQueue'
  | 'reportingStatus'
  | 'dashboard'
  | 'consolidated'
  | 'taskBoard'
  | 'audit'
  | 'home'
  | 'indicators';

/** The section of the user guide (docs/huong-dan-su-dung.md) that tells each screen's part of the work. */
export const GUIDE_SECTION: Readonly<Record<HelpTopic, string | null>> = {
  org: '2-thiet-lap-lan-dau-he-thong-trong',
  users: '2-thiet-lap-lan-dau-he-thong-trong',
  documents: '3-nhan-ke-hoach-cua-cap-tren',
  read: '3-nhan-ke-hoach-cua-cap-tren',
  review: '3-nhan-ke-hoach-cua-cap-tren',
  plans: '4-xay-dung-va-ban-hanh-ke-hoach-thuc-hien',
  plan: '4-xay-dung-va-ban-hanh-ke-hoach-thuc-hien',
  planEdit: '4-xay-dung-va-ban-hanh-ke-hoach-thuc-hien',
  taskBoard: '4-xay-dung-va-ban-hanh-ke-hoach-thuc-hien',
  myReports: '5-bao-cao-cua-cong-doan-co-so-tren-dien-thoai',
  report: '5-bao-cao-cua-cong-doan-co-so-tren-dien-thoai',
  reviewQueue: '6-duyet-bao-cao',
  reportingStatus: '6-duyet-bao-cao',
  dashboard: '7-bang-dieu-khien',
  consolidated: '8-bao-cao-tong-hop',
  audit: null,
  home: '9-trang-chu-cua-tung-vai-tro',
  indicators: '10-chi-so',
};

/**
 * A small “?” beside a page title: what the screen is for and the usual next step, in two or three
 * sentences, for the officer who opens it for the first time.
 */
export function PageHelp({ topic }: { topic: HelpTopic }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const title = t(`help.${topic}.title`);
  return (
    <>
      <Button
        type="text"
        shape="circle"
        className="page-help"
        icon={<QuestionCircleOutlined aria-hidden />}
        aria-label={t('help.button')}
        title={t('help.button')}
        onClick={() => setOpen(true)}
        data-testid="page-help"
      />
      <LazyModal
        open={open}
        title={title}
        onCancel={() => setOpen(false)}
        footer={
          <Button type="primary" onClick={() => setOpen(false)}>
            {t('help.close')}
          </Button>
        }
        destroyOnHidden
      >
        <p className="page-help__text">{t(`help.${topic}.what`)}</p>
        <p className="page-help__text">
          <strong>{t('help.nextLabel')}</strong> {t(`help.${topic}.next`)}
        </p>
        <p className="page-help__text page-help__text--secondary">
          {t('help.guide')}{' '}
          <Link
            to={GUIDE_SECTION[topic] ? `${ROUTES.guide}#${GUIDE_SECTION[topic]}` : ROUTES.guide}
            onClick={() => setOpen(false)}
          >
            {t('help.openGuide')}
          </Link>
        </p>
      </LazyModal>
    </>
  );
}
