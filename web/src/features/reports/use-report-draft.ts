import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TReport } from '../../../../contracts/reporting.ts';
import { ApiError } from '../../api/client.ts';
import { saveReport } from '../../api/reports.api.ts';
import {
  clearStoredDraft,
  type DraftState,
  draftFromReport,
  draftSignature,
  narrativeToSave,
  readStoredDraft,
  type StoredDraft,
  valuesToSave,
  writeStoredDraft,
} from './report-draft.ts';

/** Typing pauses this long before a draft is saved; leaving a field saves at once. */
export const AUTOSAVE_DELAY_MS = 1500;
const RETRY_DELAYS_MS = [3_000, 6_000, 15_000, 30_000, 60_000];

export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'retrying'; error: unknown }
  | { kind: 'failed'; error: unknown }
  | { kind: 'conflict'; current: TReport };

export interface ReportDraft {
  draft: DraftState;
  setDraft: (update: (draft: DraftState) => DraftState) => void;
  saveState: SaveState;
  /** Save now; resolves true when the server has everything typed so far. */
  flush: () => Promise<boolean>;
  version: () => number;
  /** Typed text found on this device that was never saved, from before the report changed elsewhere. */
  orphan: StoredDraft | null;
  applyOrphan: () => void;
  dropOrphan: () => void;
  /** After a 409: take the server's report, or keep ours and save it over the new version. */
  takeServer: () => void;
  keepMine: () => void;
}

function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 429;
}

/**
 * The entry form's state and its autosave. What is typed lives in memory and in localStorage
 * (keyed by report id) until the server confirms it, so a dropped connection or a closed tab on
 * a phone loses nothing. Saves are serialised; a 409 stops autosave until the user chooses.
 */
export function useReportDraft(report: TReport, onSaved: (report: TReport) => void): ReportDraft {
  // The form version does not change while the form is open.
  const [sectionKeys] = useState(() => report.form.sections.map((s) => s.key));
  // Only the first render decides; later server copies come through saves.
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, when the form opens
  const initial = useMemo(() => {
    const fromServer = draftFromReport(report);
    const stored = readStoredDraft(report.id);
    if (!stored || draftSignature(stored.draft, sectionKeys) === draftSignature(fromServer, sectionKeys)) {
      if (stored) clearStoredDraft(report.id);
      return { draft: fromServer, restored: false, orphan: null };
    }
    if (stored.baseVersion === report.version) return { draft: stored.draft, restored: true, orphan: null };
    return { draft: fromServer, restored: false, orphan: stored };
  }, []);

  const [draft, setDraftState] = useState<DraftState>(initial.draft);
  const [saveState, setSaveState] = useState<SaveState>(
    initial.restored ? { kind: 'dirty' } : { kind: 'saved', at: null },
  );
  const [orphan, setOrphan] = useState<StoredDraft | null>(initial.orphan);

  const draftRef = useRef(draft);
  const versionRef = useRef(report.version);
  const savedSignatureRef = useRef(draftSignature(draftFromReport(report), sectionKeys));
  const inFlightRef = useRef<Promise<unknown> | null>(null);
  const timerRef = useRef<number | null>(null);
  const attemptRef = useRef(0);
  const conflictRef = useRef(false);
  const flushRef = useRef<() => Promise<boolean>>(async () => false);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const clearTimer = useCallback(() => {
    if (timerRef.current !== null) window.clearTimeout(timerRef.current);
    timerRef.current = null;
  }, []);

  /** One save of what is typed now: 'saved', 'changed' (saved, but more was typed meanwhile) or 'failed'. */
  const saveOnce = useCallback(async (): Promise<'saved' | 'changed' | 'failed'> => {
    if (conflictRef.current) return 'failed';
    const sent = draftRef.current;
    const signature = draftSignature(sent, sectionKeys);
    if (signature === savedSignatureRef.current) {
      clearStoredDraft(report.id);
      setSaveState((s) => (s.kind === 'saved' ? s : { kind: 'saved', at: new Date() }));
      return 'saved';
    }
    setSaveState({ kind: 'saving' });
    try {
      const saved = await saveReport(report.id, {
        values: valuesToSave(sent),
        narrative: narrativeToSave(sent, sectionKeys),
        version: versionRef.current,
      });
      versionRef.current = saved.version;
      savedSignatureRef.current = signature;
      attemptRef.current = 0;
      onSavedRef.current(saved);
      if (draftSignature(draftRef.current, sectionKeys) === signature) {
        clearStoredDraft(report.id);
        setSaveState({ kind: 'saved', at: new Date() });
        return 'saved';
      }
      writeStoredDraft(report.id, {
        baseVersion: saved.version,
        draft: draftRef.current,
        changedAt: new Date().toISOString(),
      });
      setSaveState({ kind: 'dirty' });
      return 'changed';
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === 'conflict_version') {
        const current = (error.details as { current?: TReport } | undefined)?.current;
        if (current) {
          conflictRef.current = true;
          setSaveState({ kind: 'conflict', current });
          return 'failed';
        }
      }
      if (isRetryable(error)) {
        const delay = RETRY_DELAYS_MS[Math.min(attemptRef.current, RETRY_DELAYS_MS.length - 1)]!;
        attemptRef.current += 1;
        setSaveState({ kind: 'retrying', error });
        clearTimer();
        timerRef.current = window.setTimeout(() => void flushRef.current(), delay);
      } else {
        setSaveState({ kind: 'failed', error });
      }
      return 'failed';
    }
  }, [report.id, sectionKeys, clearTimer]);

  /** Serialised: a save in flight is awaited, then whatever was typed meanwhile is saved too. */
  const flush = useCallback(async (): Promise<boolean> => {
    clearTimer();
    while (inFlightRef.current) await inFlightRef.current;
    for (let round = 0; round < 5; round++) {
      const run = saveOnce();
      inFlightRef.current = run;
      let outcome: 'saved' | 'changed' | 'failed';
      try {
        outcome = await run;
      } finally {
        inFlightRef.current = null;
      }
      if (outcome !== 'changed') return outcome === 'saved';
    }
    return false;
  }, [saveOnce, clearTimer]);
  flushRef.current = flush;

  const setDraft = useCallback(
    (update: (draft: DraftState) => DraftState) => {
      const next = update(draftRef.current);
      draftRef.current = next;
      setDraftState(next);
      writeStoredDraft(report.id, {
        baseVersion: versionRef.current,
        draft: next,
        changedAt: new Date().toISOString(),
      });
      if (conflictRef.current) return;
      setSaveState((s) => (s.kind === 'saving' || s.kind === 'retrying' ? s : { kind: 'dirty' }));
      clearTimer();
      timerRef.current = window.setTimeout(() => void flushRef.current(), AUTOSAVE_DELAY_MS);
    },
    [report.id, clearTimer],
  );

  // A restored draft is sent at once; the connection coming back retries at once.
  useEffect(() => {
    if (initial.restored) void flushRef.current();
    const online = () => {
      if (draftSignature(draftRef.current, sectionKeys) !== savedSignatureRef.current)
        void flushRef.current();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      clearTimer();
    };
  }, [initial.restored, sectionKeys, clearTimer]);

  const replaceWith = useCallback((next: DraftState, version: number, savedSignature: string) => {
    draftRef.current = next;
    versionRef.current = version;
    savedSignatureRef.current = savedSignature;
    conflictRef.current = false;
    attemptRef.current = 0;
    setDraftState(next);
  }, []);

  const takeServer = useCallback(() => {
    if (saveState.kind !== 'conflict') return;
    const current = saveState.current;
    const next = draftFromReport(current);
    replaceWith(next, current.version, draftSignature(next, sectionKeys));
    clearStoredDraft(report.id);
    setSaveState({ kind: 'saved', at: new Date() });
    onSavedRef.current(current);
  }, [saveState, replaceWith, sectionKeys, report.id]);

  const keepMine = useCallback(() => {
    if (saveState.kind !== 'conflict') return;
    const current = saveState.current;
    replaceWith(draftRef.current, current.version, draftSignature(draftFromReport(current), sectionKeys));
    setSaveState({ kind: 'dirty' });
    void flushRef.current();
  }, [saveState, replaceWith, sectionKeys]);

  const applyOrphan = useCallback(() => {
    if (!orphan) return;
    setOrphan(null);
    draftRef.current = orphan.draft;
    setDraftState(orphan.draft);
    setSaveState({ kind: 'dirty' });
    void flushRef.current();
  }, [orphan]);

  const dropOrphan = useCallback(() => {
    setOrphan(null);
    clearStoredDraft(report.id);
  }, [report.id]);

  return {
    draft,
    setDraft,
    saveState,
    flush,
    version: () => versionRef.current,
    orphan,
    applyOrphan,
    dropOrphan,
    takeServer,
    keepMine,
  };
}
