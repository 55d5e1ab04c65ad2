import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Dropdown, type MenuProps } from 'antd';
import { lazy, type ReactElement, type RefObject, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TSessionUser } from '../../../contracts/auth.ts';
import { logout } from '../api/auth.api.ts';
import { clearOfflineData, unsentCount } from '../offline/offline-data.ts';
import { ROUTES } from '../routes.ts';
import { useFeedback } from './feedback.tsx';

const ChangePasswordDialog = lazy(() => import('./change-password-dialog.tsx'));

/** The account menu (antd Dropdown and Menu), loaded the first time the account button is used. */
export default function UserMenuDropdown({
  user,
  trigger,
  triggerRef,
}: {
  user: TSessionUser;
  trigger: ReactElement;
  triggerRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const [changingPassword, setChangingPassword] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { modal } = useFeedback();

  /** Reports or files entered offline and not sent yet would be lost: ask first. */
  async function mayDropUnsent(): Promise<boolean> {
    const count = await unsentCount();
    if (count === 0) return true;
    return new Promise((resolve) =>
      modal.confirm({
        title: t('offline.signOutUnsentTitle', { count }),
        content: t('offline.signOutUnsentText'),
        okText: t('offline.signOutAnyway'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );
  }

  async function signOut(): Promise<void> {
    if (!(await mayDropUnsent())) return;
    try {
      await logout();
    } catch {
      // The session is dropped on this side whatever the server said.
    }
    // What this device kept for offline use leaves with the session (issue 21).
    await clearOfflineData();
    queryClient.clear();
    navigate(ROUTES.login, { replace: true, state: { signedOut: true } });
  }

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div className="user-menu__who">
          <strong>{user.displayName}</strong>
          <span>{t('header.role', { role: t(`roles.${user.role}`) })}</span>
          <span>{t('header.homeUnit', { unit: user.homeUnitName })}</span>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'change-password', icon: <KeyOutlined aria-hidden />, label: t('account.changePassword') },
    { key: 'sign-out', icon: <LogoutOutlined aria-hidden />, label: t('header.signOut') },
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          // The menu takes the focus when it opens; give it back to the button when it closes
          // (Escape, a click elsewhere leaves it where the click put it).
          if (!next)
            requestAnimationFrame(() => {
              const active = document.activeElement;
              if (!active || active === document.body || active.closest('.ant-dropdown'))
                triggerRef.current?.focus();
            });
        }}
        autoFocus
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'sign-out') void signOut();
            if (key === 'change-password') {
              setOpen(false);
              setChangingPassword(true);
            }
          },
        }}
        placement="bottomRight"
      >
        {trigger}
      </Dropdown>
      {changingPassword && (
        <Suspense fallback={null}>
          <ChangePasswordDialog
            onClose={() => {
              setChangingPassword(false);
              triggerRef.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
