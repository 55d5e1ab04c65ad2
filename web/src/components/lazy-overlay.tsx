import type { DrawerProps, ModalProps } from 'antd';
import { type ComponentType, lazy, Suspense, useState } from 'react';

/**
 * antd's Drawer and Modal, downloaded the first time they open (the phone menu, the notifications,
 * a help text, a confirmation) and kept mounted afterwards so they can animate closed and run
 * `afterClose`. Nothing is rendered before that, so a page that never opens one never fetches it.
 */
function lazyOverlay<P extends { open?: boolean }>(load: () => Promise<{ default: ComponentType<P> }>) {
  const Overlay = lazy(load);
  return function LazyOverlay(props: P) {
    const [opened, setOpened] = useState(Boolean(props.open));
    if (props.open && !opened) setOpened(true);
    if (!opened) return null;
    return (
      <Suspense fallback={null}>
        <Overlay {...props} />
      </Suspense>
    );
  };
}

export const LazyDrawer = lazyOverlay<DrawerProps>(() => import('./drawer.ts'));
export const LazyModal = lazyOverlay<ModalProps>(() => import('./modal.ts'));
