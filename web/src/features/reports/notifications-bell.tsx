import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Grid } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { fetchNotifications, markNotificationRead, type TNotification } from '../../api/reports.api.ts';
import { LazyDrawer } from '../../components/lazy-overlay.tsx';
import './notifications.css';

const NOTIFICATIONS_KEY = ['notifications'] as const;

// The list (and antd's Empty) only once the bell is opened.
const NotificationList = lazy(() => import('./notification-list.tsx'));
// antd's Popover (and its Tooltip), fetched the first time the bell opens on a wide screen
const Popover = lazy(() => import('../../components/popover.ts'));

/** The bell in the header: reminders before a due date, reports returned, approved or waiting. */
export function NotificationsBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // the popover is mounted from its first opening on, so it can animate closed
  const [opened, setOpened] = useState(false);
  // On a phone a popover under the bell would run off the screen: a drawer instead.
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;
  const notifications = useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: ({ signal }) => fetchNotifications(signal),
    retry: false,
    refetchInterval: (query) => (query.state.error ? false : 120_000),
    staleTime: 60_000,
  });
  const read = useMutation({
    mutationFn: (id: number) => markNotificationRead(id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });

  // A server without notifications (404) or a refusal: no bell rather than a broken one.
  if (notifications.error instanceof ApiError && notifications.error.status !== 0) return null;
  if (!notifications.data) return null;
  const { items, unread } = notifications.data;

  const openItem = (item: TNotification) => {
    if (!item.readAt) read.mutate(item.id);
    setOpen(false);
    if (item.link?.startsWith('/')) navigate(item.link);
  };

  const list = (
    <Suspense fallback={null}>
      <NotificationList items={items} onOpen={openItem} />
    </Suspense>
  );

  const bell = (
    <Button
      type="text"
      aria-label={
        unread > 0
          ? t('reports.notifications.openUnread', { count: unread })
          : t('reports.notifications.open')
      }
      aria-expanded={open}
      onClick={
        phone
          ? () => setOpen(true)
          : opened
            ? undefined
            : () => {
                setOpened(true);
                setOpen(true);
              }
      }
      icon={
        <span className="notification-bell">
          <BellOutlined aria-hidden className="notification-bell__icon" />
          {unread > 0 && (
            <span className="notification-bell__count" aria-hidden>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </span>
      }
    />
  );

  if (phone) {
    return (
      <>
        {bell}
        <LazyDrawer
          placement="right"
          size={320}
          open={open}
          onClose={() => setOpen(false)}
          title={t('reports.notifications.title')}
        >
          {list}
        </LazyDrawer>
      </>
    );
  }
  if (!opened) return bell;
  return (
    <Suspense fallback={bell}>
      <Popover
        trigger="click"
        placement="bottomRight"
        open={open}
        onOpenChange={setOpen}
        title={t('reports.notifications.title')}
        content={<div className="notification-popover">{list}</div>}
      >
        {bell}
      </Popover>
    </Suspense>
  );
}
