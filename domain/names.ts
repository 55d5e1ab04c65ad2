/**
 * Names people read (units, users, the organisation): no bidirectional controls, which can show a
 * name backwards or disguise one as another (U+202A–U+202E embeddings and overrides, U+2066–U+2069
 * isolates, the marks U+200E, U+200F, U+061C; Vietnamese never needs them), and not made only of
 * characters that show nothing (zero-width spaces and joiners, word joiner, BOM, soft hyphen,
 * Mongolian vowel separator, Hangul fillers, spaces).
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// U+034F (combining grapheme joiner) as its own alternative: a class may not mix it with base characters
const INVISIBLE = /[\s\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E\u115F\u1160\u3164\uFFA0]|\u034F/gu;

export type NameRefusal = 'bidi_control' | 'invisible_only';

export function nameRefusal(name: string): NameRefusal | null {
  if (BIDI_CONTROL.test(name)) return 'bidi_control';
  if (name.replace(INVISIBLE, '') === '') return 'invisible_only';
  return null;
}

/** What a refusal says, in Vietnamese (the API's validation detail). */
export const NAME_REFUSAL_TEXT: Record<NameRefusal, string> = {
  bidi_control: 'tên chứa ký tự điều khiển hướng chữ (có thể làm tên hiển thị sai lệch)',
  invisible_only: 'tên chỉ gồm ký tự không hiển thị',
};
