import { UserOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSessionUser } from '../../../contracts/auth.ts';
import { lazyOnIntent } from './lazy-on-intent.ts';

const Menu = lazyOnIntent(() => import('./user-menu-dropdown.tsx'));

/** The account button; its menu (antd Dropdown with Menu) is fetched on hover, focus or first click. */
export function UserMenu({ user }: { user: TSessionUser }) {
  const { t } = useTranslation();
  const [used, setUsed] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const button = (
    <Button
      ref={buttonRef}
      type="text"
      className="user-menu__button"
      aria-label={t('header.userMenu', { name: user.displayName })}
      aria-haspopup="menu"
      onPointerEnter={Menu.preload}
      onFocus={Menu.preload}
      onTouchStart={Menu.preload}
      onClick={used ? undefined : () => setUsed(true)}
    >
      <span className="user-menu__avatar">
        <UserOutlined aria-hidden />
      </span>
      <span className="user-menu__name">{user.displayName}</span>
    </Button>
  );
  if (!used) return button;
  return (
    <Suspense fallback={button}>
      <Menu.Component user={user} trigger={button} triggerRef={buttonRef} />
    </Suspense>
  );
}
