import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OutboxState } from './outbox.ts';

/** "Chờ gửi", "Đang gửi", "Đã gửi"… as a tag the tests and screen readers can read. */
export function OutboxStateTag({ state }: { state: OutboxState }) {
  const { t } = useTranslation();
  const color =
    state === 'sent' ? 'success' : state === 'pending' || state === 'sending' ? 'processing' : 'error';
  return (
    <Tag color={color} data-testid="outbox-state" data-state={state}>
      {t(`offline.state.${state}`)}
    </Tag>
  );
}
