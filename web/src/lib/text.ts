/** Lower-case and strip Vietnamese diacritics so "thai binh" matches "Thái Bình". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

export function includesFolded(haystack: string, needle: string): boolean {
  return foldVietnamese(haystack).includes(foldVietnamese(needle));
}

/** "Mã đơn vị" → "mã đơn vị", for a field label inside a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/**
 * The search of an antd Select, without diacritics: "can bo" finds "Cán bộ". Use as
 * `showSearch={foldedSelectSearch}`.
 */
export const foldedSelectSearch = {
  filterOption: (input: string, option?: { label?: unknown }): boolean =>
    includesFolded(String(option?.label ?? ''), input),
};
