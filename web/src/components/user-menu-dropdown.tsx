import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Dropdown, type MenuProps } from 'antd';
import { lazy, type ReactElement, type RefObject, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TSessionUser } from '../../../contracts/auth.ts';
import { logout } from '../api/auth.api.ts';
import { ROUTES } from '../routes.ts';

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

  async function signOut(): Promise<void> {
    try {
      await logout();
    } catch {
      // The session is dropped on this side whatever the server said.
    }
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
