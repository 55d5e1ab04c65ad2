import type { MessageArgsProps, ModalFuncProps } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useSyncExternalStore } from 'react';

/**
 * Toasts and confirmation dialogs for the signed-in pages, in place of antd's `App.useApp()`.
 * antd's App brings message, modal and notification (~18 KB gzip) into the first download of every
 * page, though they only appear after the user does something. Here the host that owns antd's
 * `message.useMessage()` and `Modal.useModal()` is fetched at the user's first touch or key press
 * (at the latest on the first call) and the call is delivered once it is mounted — inside the shell, so the theme and the
 * language apply as they did with antd's App.
 */

type Content = ReactNode | MessageArgsProps;

export interface FeedbackApi {
  message: {
    success: (content: Content, seconds?: number) => void;
    error: (content: Content, seconds?: number) => void;
    warning: (content: Content, seconds?: number) => void;
    info: (content: Content, seconds?: number) => void;
  };
  modal: { confirm: (props: ModalFuncProps) => void };
}

type Call = (api: FeedbackApi) => void;

let host: FeedbackApi | null = null;
let wanted = false;
const queued: Call[] = [];
const listeners = new Set<() => void>();

function deliver(call: Call): void {
  if (host) {
    call(host);
    return;
  }
  queued.push(call);
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
}

/** Called by the host when it mounts (and with null when it unmounts). */
export function registerFeedbackHost(api: FeedbackApi | null): void {
  host = api;
  if (api) for (const call of queued.splice(0)) call(api);
}

const FEEDBACK: FeedbackApi = {
  message: {
    success: (content, seconds) => deliver((api) => api.message.success(content, seconds)),
    error: (content, seconds) => deliver((api) => api.message.error(content, seconds)),
    warning: (content, seconds) => deliver((api) => api.message.warning(content, seconds)),
    info: (content, seconds) => deliver((api) => api.message.info(content, seconds)),
  },
  modal: { confirm: (props) => deliver((api) => api.modal.confirm(props)) },
};

export function useFeedback(): FeedbackApi {
  return FEEDBACK;
}

const loadHost = () => import('./feedback-host.tsx');
const FeedbackHost = lazy(loadHost);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Rendered once in the shell: mounts the host at the first toast or dialog. */
export function FeedbackSlot() {
  const isWanted = useSyncExternalStore(
    subscribe,
    () => wanted,
    () => false,
  );
  // Fetched at the user's first touch or key press (not while the page itself is still loading),
  // so the first dialog, e.g. "send the report?", opens at once.
  useEffect(() => {
    const events = ['pointerdown', 'keydown'] as const;
    const preload = () => {
      for (const event of events) window.removeEventListener(event, preload, true);
      loadHost().catch(() => undefined);
    };
    for (const event of events) window.addEventListener(event, preload, true);
    return () => {
      for (const event of events) window.removeEventListener(event, preload, true);
    };
  }, []);
  if (!isWanted) return null;
  return (
    <Suspense fallback={null}>
      <FeedbackHost />
    </Suspense>
  );
}
