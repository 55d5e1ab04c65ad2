import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

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
      {open && (
        <Modal
          open
          title={title}
          onCancel={() => setOpen(false)}
          footer={
            <Button type="primary" onClick={() => setOpen(false)}>
              {t('help.close')}
            </Button>
          }
          destroyOnHidden
        >
          <Typography.Paragraph>{t(`help.${topic}.what`)}</Typography.Paragraph>
          <Typography.Paragraph>
            <strong>{t('help.nextLabel')}</strong> {t(`help.${topic}.next`)}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('help.guide')}</Typography.Paragraph>
        </Modal>
      )}
    </>
  );
}
