/**
 * Word auto-numbering written out as the page shows it: word/numbering.xml's level formats
 * ("%1.", "%2)", upper Roman, lower letter…) counted per list, deeper levels restarting under a
 * new parent, so a heading keeps its true number ("II.", "3.", "b)").
 */
import { child, childVal, elements, type XmlElement } from './xml-tree.ts';

interface Level {
  start: number;
  format: string;
  text: string;
}

interface List {
  /** the counter this list shares: its abstract list, or its own when it restarts numbering */
  key: string;
  levels: Level[];
  restarts: Set<number>;
}

function readLevel(lvl: XmlElement): Level {
  const start = Number(childVal(lvl, 'w:start') ?? '1');
  return {
    start: Number.isFinite(start) ? start : 1,
    format: childVal(lvl, 'w:numFmt') ?? 'decimal',
    text: childVal(lvl, 'w:lvlText') ?? '',
  };
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, sign] of table) {
    while (rest >= value) {
      out += sign;
      rest -= value;
    }
  }
  return out;
}

// Word's letters: a … z, then aa … zz
function letter(n: number): string {
  if (n <= 0) return String(n);
  const k = (n - 1) % 26;
  return String.fromCharCode(97 + k).repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letter(n);
    case 'upperLetter':
      return letter(n).toUpperCase();
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

export class ListNumbering {
  private readonly lists = new Map<string, List>();
  private readonly counters = new Map<string, (number | undefined)[]>();

  constructor(numbering: XmlElement | undefined) {
    const abstracts = new Map<string, Level[]>();
    for (const a of elements(numbering, 'w:abstractNum')) {
      const levels: Level[] = [];
      for (const lvl of elements(a, 'w:lvl')) levels[Number(lvl.attrs['w:ilvl'] ?? 0)] = readLevel(lvl);
      abstracts.set(a.attrs['w:abstractNumId'] ?? '', levels);
    }
    for (const num of elements(numbering, 'w:num')) {
      const id = num.attrs['w:numId'] ?? '';
      const abstractId = childVal(num, 'w:abstractNumId') ?? '';
      const levels = [...(abstracts.get(abstractId) ?? [])];
      const restarts = new Set<number>();
      for (const o of elements(num, 'w:lvlOverride')) {
        const ilvl = Number(o.attrs['w:ilvl'] ?? 0);
        const lvl = child(o, 'w:lvl');
        if (lvl) levels[ilvl] = readLevel(lvl);
        const start = childVal(o, 'w:startOverride');
        if (start !== undefined && levels[ilvl]) {
          levels[ilvl] = { ...levels[ilvl], start: Number(start) };
          restarts.add(ilvl);
        }
      }
      this.lists.set(id, { key: restarts.size > 0 ? `n${id}` : `a${abstractId}`, levels, restarts });
    }
  }

  /** The label of the next item of list `numId` at level `ilvl` ("1.", "a)", "- "), or null. */
  next(numId: string, ilvl: number): string | null {
    const list = this.lists.get(numId);
    const level = list?.levels[ilvl];
    if (!list || !level) return null;
    const counters = this.counters.get(list.key) ?? [];
    this.counters.set(list.key, counters);
    counters[ilvl] = (counters[ilvl] ?? level.start - 1) + 1;
    for (let deeper = ilvl + 1; deeper < counters.length; deeper++) counters[deeper] = undefined;
    if (level.format === 'bullet') return level.text.trim() === '+' ? '+' : '-';
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const lvl = list.levels[k];
      if (!lvl) return '';
      return formatNumber(counters[k] ?? lvl.start, lvl.format);
    });
    return label.trim().length > 0 ? label.trim() : null;
  }
}
