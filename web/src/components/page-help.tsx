import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  | 'audit';

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
        <p className="page-help__text page-help__text--secondary">{t('help.guide')}</p>
      </LazyModal>
    </>
  );
}
