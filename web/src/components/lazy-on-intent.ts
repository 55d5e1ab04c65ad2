import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/**
 * A component kept out of the first download and fetched when the user shows intent (pointer over,
 * focus, touch) or first needs it. `preload` starts the download without rendering anything, so a
 * click usually finds the code already there.
 */
export function lazyOnIntent<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): { Component: LazyExoticComponent<ComponentType<P>>; preload: () => void } {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const get = () => {
    loading ??= load().catch((error: unknown) => {
      // A failed download (offline) may be retried on the next intent.
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    Component: lazy(get),
    preload: () => {
      get().catch(() => undefined);
    },
  };
}
