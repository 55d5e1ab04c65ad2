/**
 * Recurring campaigns the text dates: "Tháng hành động vì bình đẳng giới … từ ngày 15/11 đến
 * 15/12", "Tháng hành động quốc gia về dân số (tháng 12)", "Ngày Quốc tế Thiếu nhi (1/6)".
 */
import type { TEvent } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import { lastDayOfMonth, monthDay } from './vietnamese-dates.ts';

const NAME_START = /(?<![\p{L}])(?:Tháng|Tuần lễ|Tuần|Ngày|Tết|Chiến dịch|Thang|Ngay|Tuan)\s+(?=\p{L})/gu;

export function extractEvents(sentences: readonly string[]): TEvent[] {
  const out: TEvent[] = [];
  for (const sentence of sentences) {
    const folded = foldChars(sentence);
    for (const m of sentence.matchAll(NAME_START)) {
      const start = m.index;
      const window = folded.slice(start, start + 220);
      // the name runs to the date phrase: "từ ngày D/M đến D/M" or "(tháng M)" or "(D/M)"
      const date =
        /\s(?:tu\sngay|tu)\s(\d{1,2})\s?\/\s?(\d{1,2})\s(?:den|-)\s(?:ngay\s)?(\d{1,2})\s?\/\s?(\d{1,2})/.exec(
          window,
        ) ??
        /\s?\((?:ngay\s)?(\d{1,2})\s?\/\s?(\d{1,2})\)/.exec(window) ??
        /\s?\(th[a-z]ng\s(\d{1,2})\)/.exec(window);
      if (!date) continue;
      const nameText = sentence.slice(start, start + date.index).trim();
      if (/[.;:]/.test(nameText) || nameText.split(/\s+/).length < 3) continue;
      // the date phrase belongs to a later name in the same sentence
      if (/\s(?:Tháng|Ngày|Tuần|Tết)\s+\p{L}/u.test(nameText)) continue;
      if (/\d/.test(nameText.split(/\s+/)[1] ?? '')) continue;
      let event: TEvent | null = null;
      if (date.length === 5 && date[3] !== undefined) {
        event = {
          name: nameText,
          start: monthDay(Number(date[2]), Number(date[1])),
          end: monthDay(Number(date[4]), Number(date[3])),
        };
      } else if (date[2] !== undefined) {
        const md = monthDay(Number(date[2]), Number(date[1]));
        event = { name: nameText, start: md, end: md };
      } else {
        const month = Number(date[1]);
        event = {
          name: nameText,
          start: monthDay(month, 1),
          end: monthDay(month, month >= 1 && month <= 12 ? lastDayOfMonth(2023, month) : 0),
        };
      }
      if (event.start && event.end && !out.some((e) => foldChars(e.name) === foldChars(event.name)))
        out.push(event);
    }
  }
  return out;
}
