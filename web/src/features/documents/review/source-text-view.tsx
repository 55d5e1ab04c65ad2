import { memo, useEffect, useMemo, useRef } from 'react';
import type { SourceSpan } from '../../../lib/source-spans.ts';
import { segmentText } from '../../../lib/source-spans.ts';

interface SourceTextViewProps {
  text: string;
  spans: ReadonlyMap<string, SourceSpan>;
  activeKey: string | null;
  /** A highlight was clicked: the first field it belongs to. */
  onPick: (key: string) => void;
}

/** The document's text with every extracted value highlighted; the chosen one stands out. */
export const SourceTextView = memo(function SourceTextView({
  text,
  spans,
  activeKey,
  onPick,
}: SourceTextViewProps) {
  const segments = useMemo(() => segmentText(text.length, spans), [text, spans]);
  const ref = useRef<HTMLDivElement>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const click = (event: MouseEvent) => {
      const mark = (event.target as HTMLElement).closest('mark[data-keys]');
      const key = mark?.getAttribute('data-keys')?.split(' ')[0];
      if (key) onPickRef.current(key);
    };
    element.addEventListener('click', click);
    return () => element.removeEventListener('click', click);
  }, []);

  return (
    <div ref={ref} className="source-text" data-testid="source-text">
      {segments.map((segment) => {
        const piece = text.slice(segment.start, segment.end);
        if (segment.keys.length === 0) return piece;
        const active = activeKey !== null && segment.keys.includes(activeKey);
        return (
          <mark
            key={segment.start}
            className={active ? 'src-mark src-mark--active' : 'src-mark'}
            data-keys={segment.keys.join(' ')}
            data-start={segment.startsHere.length ? segment.startsHere.join(' ') : undefined}
          >
            {piece}
          </mark>
        );
      })}
    </div>
  );
});
