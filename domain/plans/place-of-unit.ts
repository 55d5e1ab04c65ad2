/**
 * The place name of a unit's documents (địa danh, Decree 30/2020, Appendix I, I.4): the proper
 * name of the administrative unit where it sits — "Lai Châu" for LĐLĐ tỉnh Lai Châu, "Tân Phong"
 * for Công đoàn phường Tân Phong — with "TP." before Hồ Chí Minh and the full name when the proper
 * name is a number ("Phường 12"). Bodies of the centre sit in Hà Nội. A unit whose name names no
 * place (a grassroots union of a company) takes the place of the nearest unit above it that does.
 */

// longest first: "thành phố" before "phố", "thị trấn" before nothing
const ADMINISTRATIVE =
  /(?:^|\s)(thành phố|tp\.|tỉnh|thị xã|thị trấn|đặc khu|quận|huyện|phường|(?<!tác )xã)\s*(\S.*)$/iu;
const CENTRE = /(tổng liên đoàn|trung ương|công đoàn viên chức việt nam)/iu;

/** The place a unit's own name gives, or null ("Công ty TNHH Minh Phát" names none). */
export function placeInName(name: string): string | null {
  const clean = name.replace(/\s+/g, ' ').trim();
  const match = ADMINISTRATIVE.exec(clean);
  if (match) {
    const word = match[1]!.toLocaleLowerCase('vi');
    const proper = match[2]!.replace(/\s*[(,;–-].*$/u, '').trim();
    if (/^\d/.test(proper)) return `${word.charAt(0).toLocaleUpperCase('vi')}${word.slice(1)} ${proper}`;
    if ((word === 'thành phố' || word === 'tp.') && /^hồ chí minh$/iu.test(proper)) return 'TP. Hồ Chí Minh';
    return proper;
  }
  return CENTRE.test(clean) ? 'Hà Nội' : null;
}

/** The place of a unit from its name and its ancestors' (top down), or null when none names one. */
export function placeOfUnit(unitName: string, ancestorsTopDown: readonly string[]): string | null {
  for (const name of [unitName, ...[...ancestorsTopDown].reverse()]) {
    const place = placeInName(name);
    if (place) return place;
  }
  return null;
}
