/**
 * Page chrome of the public legal-text sites a document is often copied from is not the
 * document (gold rulebook): the metadata table before it ("Số hiệu:", "Loại văn bản:", "Nơi ban
 * hành:", "Người ký:", "Ngày ban hành:", "Tình trạng:" …) and the banners above that table.
 */
const META_LABEL =
  /^[*\s]*(?:số hiệu|loại văn bản|nơi ban hành|người ký|ngày ban hành|ngày hiệu lực|ngày công báo|số công báo|tình trạng|lĩnh vực)\s*:[*\s]*$/iu;
const BAR = /^\s*\|\s*$/;

/** The lines without a leading metadata block (three labels or more in the first 150 lines). */
export function dropPageChrome(lines: readonly string[]): string[] {
  const limit = Math.min(lines.length, 150);
  const labels: number[] = [];
  for (let i = 0; i < limit; i++) if (META_LABEL.test(lines[i]!)) labels.push(i);
  if (labels.length < 3) return [...lines];
  // the last label, its value, and the bars around them close the block
  let i = labels.at(-1)! + 1;
  let bars = 0;
  while (i < lines.length && bars < 2) {
    if (BAR.test(lines[i]!)) bars++;
    else if (bars === 0 || lines[i]!.trim().length === 0) {
      // the value cell
    } else break;
    i++;
  }
  return lines.slice(i);
}
