import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { TReport } from '../../../contracts/reporting.ts';
import { useSession } from '../features/auth/session.ts';
import { listOutbox, onSyncRequested } from './outbox.ts';

const RETRY_MS = 30_000;
const reportKey = (id: number) => ['reports', 'one', id] as const;

/**
 * No view of its own: while someone is signed in, sends the outbox when the connection comes
 * back (and every 30 s while something waits), brings the sent reports into the views, and keeps
 * the reports due readable offline — for an officer, opened ahead so they start offline too
 * (`warmOfflineCache`).
 */
export function OfflineSync() {
  const session = useSession();
  const user = session.data?.user;
  const userId = user?.id;
  const role = user?.role;
  const queryClient = useQueryClient();

  useEffect(() => {
    if (userId === undefined || typeof indexedDB === 'undefined') return;
    let stopped = false;
    const seen = new Set<string>();
    const send = async () => {
      if (stopped || !navigator.onLine) return;
      // loaded on first use: not part of every page's first download
      const { syncOutbox } = await import('./sync.ts');
      await syncOutbox(userId).catch(() => undefined);
      const items = await listOutbox().catch(() => []);
      let changed = false;
      for (const item of items) {
        if (item.state !== 'sent' || seen.has(item.id)) continue;
        seen.add(item.id);
        changed = true;
        if (item.kind === 'submit' && item.result) {
          const sent: TReport = item.result;
          queryClient.setQueryData<TReport>(reportKey(sent.id), (old) =>
            old && old.version > sent.version ? old : sent,
          );
        } else void queryClient.invalidateQueries({ queryKey: reportKey(item.reportId) });
      }
      if (changed) void queryClient.invalidateQueries({ queryKey: ['reports', 'mine'] });
    };
    // Items already sent before this page opened are not news.
    void listOutbox()
      .then((items) => {
        for (const item of items) if (item.state === 'sent') seen.add(item.id);
      })
      .catch(() => undefined)
      .then(send);
    // Reports due are opened ahead (drafts created) only for the people who write them.
    const opensDue = role === 'officer';
    const warm = () =>
      void import('./offline-data.ts')
        .then((m) => m.warmOfflineCache(opensDue))
        .then(({ opened }) => {
          if (opened > 0) void queryClient.invalidateQueries({ queryKey: ['reports', 'mine'] });
        })
        .catch(() => undefined);
    void navigator.serviceWorker?.ready.then(warm);
    // the first visit: the worker takes the page over only after it has installed
    navigator.serviceWorker?.addEventListener('controllerchange', warm);
    const online = () => {
      void send();
      warm();
    };
    window.addEventListener('online', online);
    const unsubscribe = onSyncRequested(() => void send());
    const timer = window.setInterval(() => void send(), RETRY_MS);
    return () => {
      stopped = true;
      window.removeEventListener('online', online);
      navigator.serviceWorker?.removeEventListener('controllerchange', warm);
      unsubscribe();
      window.clearInterval(timer);
    };
  }, [userId, role, queryClient]);
  return null;
}
