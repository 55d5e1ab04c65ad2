import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TNotification } from '../../api/reports.api.ts';
import { formatTimestamp } from '../../lib/format.ts';

/** The bell's list: the latest 20, unread first in weight; loaded when the bell opens. */
export default function NotificationList({
  items,
  onOpen,
}: {
  items: TNotification[];
  onOpen: (item: TNotification) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.notifications.empty')} />;
  }
  return (
    <ul className="notification-list">
      {items.slice(0, 20).map((item) => (
        <li key={item.id} className={item.readAt ? 'notification' : 'notification notification--unread'}>
          <button type="button" className="notification__button" onClick={() => onOpen(item)}>
            <span className="notification__title">{item.title}</span>
            {item.body && <span className="notification__body">{item.body}</span>}
            <span className="notification__time">{formatTimestamp(item.createdAt)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
