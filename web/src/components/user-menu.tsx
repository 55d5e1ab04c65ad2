import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TSessionUser } from '../../../contracts/auth.ts';
import { logout } from '../api/auth.api.ts';
import { ROUTES } from '../routes.ts';

export function UserMenu({ user }: { user: TSessionUser }) {
  const { t } = useTranslation();
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
    { key: 'sign-out', icon: <LogoutOutlined aria-hidden />, label: t('header.signOut') },
  ];

  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, onClick: ({ key }) => key === 'sign-out' && void signOut() }}
      placement="bottomRight"
    >
      <Button
        type="text"
        className="user-menu__button"
        aria-label={t('header.userMenu', { name: user.displayName })}
      >
        <Avatar size="small" icon={<UserOutlined aria-hidden />} className="user-menu__avatar" />
        <span className="user-menu__name">{user.displayName}</span>
      </Button>
    </Dropdown>
  );
}
