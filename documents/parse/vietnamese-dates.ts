/**
 * Dates as Vietnamese administrative texts write them ("ngày 12 tháng 7 năm 2021", "23/8/2021",
 * "tháng 8/2021", "Quý IV/2025"), read on the folded text (see normalize-text.ts).
 */

const pad = (n: number): string => String(n).padStart(2, '0');

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO date when the parts form a real calendar date (years 1945–2100), else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1945 || year > 2100) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > lastDayOfMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "MM-DD" when day and month form a date of some year (29 February allowed). */
export function monthDay(month: number, day: number): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > lastDayOfMonth(2024, month)) return null;
  return `${pad(month)}-${pad(day)}`;
}

// "năm" after OCR: nam, nim, nǎm; "tháng": thang, thing
const NAM = 'n[a-z]m';
const THANG = 'th[a-z]ng';

/** A full date at the start of `folded` (after optional "ngày"): slash or words form. */
export const FULL_DATE_SOURCE = `(?:ng[a-z]y\\s*)?(\\d{1,2})\\s*(?:[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*((?:19|20)\\d{2})(?!\\d)|${THANG}\\s*(\\d{1,2})\\s*,?\\s*${NAM}\\s*((?:19|20)\\d{2})(?!\\d))`;

/** Reads a date match of FULL_DATE_SOURCE (groups 1–5) into ISO form. */
export function dateFromGroups(m: RegExpExecArray, offset = 0): string | null {
  const day = Number(m[offset + 1]);
  const month = Number(m[offset + 2] ?? m[offset + 4]);
  const year = Number(m[offset + 3] ?? m[offset + 5]);
  return isoDate(year, month, day);
}

const FULL_DATE_AT_START = new RegExp(`^[\\s,]*${FULL_DATE_SOURCE}`);

/** The date written at the start of `folded` ("ngày 23/8/2021 của…"), or null. */
export function readDateAtStart(folded: string): string | null {
  const m = FULL_DATE_AT_START.exec(folded.slice(0, 60));
  return m ? dateFromGroups(m) : null;
}

const ROMAN_QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

// deadline cues and the date forms they take, most specific first
const DEADLINE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => string | null }[] = [
  {
    // "trước ngày 15/9/2021", "chậm nhất ngày 30 tháng 6 năm 2025", "hạn: 31/12/2024"
    re: new RegExp(
      `(?:tru[o0d6e]?[cde]|cham nhat(?: la)?|han chot|thoi han|hoan thanh|xong|den)\\s*(?:truoc\\s*)?(?:ngay\\s*)?:?\\s*(\\d{1,2})\\s*(?:[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*((?:19|20)\\d{2})(?!\\d)|${THANG}\\s*(\\d{1,2})\\s*,?\\s*${NAM}\\s*((?:19|20)\\d{2})(?!\\d))`,
    ),
    read: (m) => dateFromGroups(m),
  },
  {
    // "hoàn thành trong tháng 8/2021", "trước tháng 10 năm 2024", "thời gian: tháng 9/2024"
    re: new RegExp(
      `(?:hoan thanh|xong|tru[o0d6e]?[cde]|cham nhat|thoi gian(?: thuc hien| hoan thanh)?\\s*:?|trong|vao)\\s*(?:du kien\\s*|ngay\\s*)?(?:trong\\s*)?${THANG}\\s*(\\d{1,2})\\s*(?:/|\\s${NAM}\\s)\\s*((?:19|20)\\d{2})(?!\\d)`,
    ),
    read: (m) => {
      const month = Number(m[1]);
      const year = Number(m[2]);
      const last = month >= 1 && month <= 12 ? lastDayOfMonth(year, month) : 0;
      // "trước tháng 10" is the end of the month before
      if (/^tru/.test(m[0]))
        return month > 1
          ? isoDate(year, month - 1, lastDayOfMonth(year, month - 1))
          : isoDate(year - 1, 12, 31);
      return isoDate(year, month, last);
    },
  },
  {
    // "Quý IV/2025", "quý 3 năm 2024"
    re: new RegExp(
      `(?:hoan thanh|xong|trong|vao|thoi gian(?: thuc hien)?\\s*:?)\\s*(?:trong\\s*)?quy\\s*(iv|iii|ii|i|[1-4])\\s*(?:/|\\s${NAM}\\s)\\s*((?:19|20)\\d{2})(?!\\d)`,
    ),
    read: (m) => {
      const q = ROMAN_QUARTER[m[1]!] ?? 0;
      const year = Number(m[2]);
      return q ? isoDate(year, q * 3, lastDayOfMonth(year, q * 3)) : null;
    },
  },
  {
    // "hoàn thành trong năm 2025"
    re: new RegExp(
      `(?:hoan thanh|xong|tru[o0d6e]?[cde])\\s*(?:trong\\s*)?${NAM}\\s*((?:19|20)\\d{2})(?!\\d)`,
    ),
    read: (m) => {
      const year = Number(m[1]);
      return /^tru/.test(m[0]) ? isoDate(year - 1, 12, 31) : isoDate(year, 12, 31);
    },
  },
  {
    // "Đến năm 2020, 100% …" opening a sentence, "… đến hết năm 2019", "Năm 2018, hoàn thành …":
    // the year's end; a "đến năm 2030" inside a sentence is as often a horizon ("định hướng đến
    // năm 2030" of a programme's name) and is left alone
    re: new RegExp(
      `(?:(?:^|[.:;]\\s)(?:den|den het|den cuoi)\\s${NAM}\\s((?:19|20)\\d{2})\\s*,|(?:^|[\\s,;(])den (?:het|cuoi)\\s${NAM}\\s((?:19|20)\\d{2})|(?:^|[\\s;(])${NAM}\\s((?:19|20)\\d{2})\\s*[,:]\\s*hoan thanh)(?![\\d/]|\\s*[-–]\\s*\\d)`,
    ),
    read: (m) => isoDate(Number(m[1] ?? m[2] ?? m[3]), 12, 31),
  },
];

/** The first deadline a task's folded text sets ("trước ngày…", "hoàn thành trong tháng…"), or null. */
export function findDeadline(folded: string): string | null {
  // a labelled line of a plan's item, read as a table's time cell: "Thời gian hoàn thành: Quý
  // I/2026", "Thời gian thực hiện: Từ tháng 12/2025 đến quý I/2026", "Thời hạn: tháng 4/2026"
  const labelled = /thoi (?:gian|han)(?: thuc hien| hoan thanh)?\s*:\s*([^;(\n]{1,100})/.exec(folded);
  if (labelled) {
    const date = readTimeCell(labelled[1]!.replace(/\.(?:\s.*)?$/, ''), null);
    if (date) return date;
  }
  let best: { at: number; date: string } | null = null;
  for (const { re, read } of DEADLINE_PATTERNS) {
    const m = re.exec(folded);
    if (!m) continue;
    const date = read(m);
    if (date && (best === null || m.index < best.at)) best = { at: m.index, date };
  }
  return best?.date ?? null;
}

const TIME_CELL_FORMS: { re: RegExp; read: (m: RegExpExecArray, year: number | null) => string | null }[] = [
  {
    // "31/12/2025", "ngày 30 tháng 6 năm 2025"
    re: new RegExp(FULL_DATE_SOURCE, 'g'),
    read: (m) => dateFromGroups(m),
  },
  {
    // "Tháng 12/2025", "tháng 6 năm 2025", "Tháng 12" (the document's year)
    re: new RegExp(
      `${THANG}\\s*(\\d{1,2})(?:\\s*(?:/|-|\\s${NAM}\\s|,\\s*${NAM}\\s)\\s*((?:19|20)\\d{2})(?!\\d))?`,
      'g',
    ),
    read: (m, year) => {
      const y = m[2] ? Number(m[2]) : year;
      const month = Number(m[1]);
      return y && month >= 1 && month <= 12 ? isoDate(y, month, lastDayOfMonth(y, month)) : null;
    },
  },
  {
    // "Quý II/2025", "quý 4 năm 2025", "Quý IV" (the document's year)
    re: new RegExp(
      `quy\\s*(iv|iii|ii|i|[1-4])\\b(?:\\s*(?:/|-|\\s${NAM}\\s)\\s*((?:19|20)\\d{2})(?!\\d))?`,
      'g',
    ),
    read: (m, year) => {
      const y = m[2] ? Number(m[2]) : year;
      const q = ROMAN_QUARTER[m[1]!] ?? 0;
      return y && q ? isoDate(y, q * 3, lastDayOfMonth(y, q * 3)) : null;
    },
  },
  {
    // "Năm 2025", "2025", "2025-2030", "giai đoạn 2026 - 2030": the span's end
    re: /(?<![\d/.])((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?![\d/])/g,
    read: (m) => isoDate(Number(m[2] ?? m[1]), 12, 31),
  },
];

/**
 * The deadline a table's time cell gives ("Tháng 12/2025", "Quý IV/2025", "Năm 2025-2030",
 * "31/12/2025"): the last day of the latest span named; "thường xuyên", "hằng năm" and a start
 * ("từ năm 2026") give none. `year` completes a month or quarter written without one.
 */
export function readTimeCell(folded: string, year: number | null): string | null {
  const text = folded.trim();
  if (text.length === 0 || /^(?:thuong xuyen|hang nam|hang thang|hang quy|lien tuc)/.test(text)) return null;
  if (
    /(?:^|\s)(?:tu|bat dau)\s(?:trien khai\s)?(?:tu\s)?(?:nam|thang|quy)?\s*\d/.test(text) &&
    !/\bden\b/.test(text)
  )
    return null;
  let best: { at: number; date: string } | null = null;
  const taken: [number, number][] = [];
  for (const { re, read } of TIME_CELL_FORMS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const at = m.index;
      const end = at + m[0].length;
      if (taken.some(([a, b]) => at < b && end > a)) continue;
      taken.push([at, end]);
      const date = read(m as RegExpExecArray, year);
      if (date && (best === null || at > best.at)) best = { at, date };
    }
  }
  return best?.date ?? null;
}
