import { useEffect, useState, useSyncExternalStore } from 'react';
import { listOutbox, type OutboxItem, type OutboxSubmit, outboxVersion, subscribeOutbox } from './outbox.ts';

/** The outbox's items (of one report when given), kept current; null until first read. */
export function useOutbox(reportId?: number): OutboxItem[] | null {
  const version = useSyncExternalStore(subscribeOutbox, outboxVersion);
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the signal to read again
  useEffect(() => {
    let live = true;
    const read = typeof indexedDB === 'undefined' ? Promise.resolve([]) : listOutbox();
    read
      .then((all) => {
        if (live) setItems(reportId === undefined ? all : all.filter((i) => i.reportId === reportId));
      })
      .catch(() => {
        if (live) setItems([]);
      });
    return () => {
      live = false;
    };
  }, [version, reportId]);
  return items;
}

/**
 * A report's submission made offline: the one still waiting (pending, sending, refused or in
 * conflict), and the last one sent; null until the outbox is read.
 */
export function useReportOutbox(
  reportId: number,
): { waiting: OutboxSubmit | null; sent: OutboxSubmit | null } | null {
  const items = useOutbox(reportId);
  if (items === null) return null;
  const submits = items.filter((i): i is OutboxSubmit => i.kind === 'submit');
  return {
    waiting: submits.find((i) => i.state !== 'sent') ?? null,
    sent: submits.filter((i) => i.state === 'sent').at(-1) ?? null,
  };
}
