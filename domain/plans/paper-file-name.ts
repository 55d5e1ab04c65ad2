/**
 * The file name of a paper the product writes, in Vietnamese as an office would name it, with what
 * tells it apart from its neighbours in a downloads folder: two communes each issue their own
 * "1/KH-CĐ", so the issuer is in the name ("Kế hoạch 1-KH-CĐ - Công đoàn phường Tân Phong.docx").
 * The download sends it as UTF-8 with an ASCII stand-in (`server/http/send-file.ts`).
 */
export interface PaperName {
  /** "Kế hoạch", "Tình hình ban hành", "Báo cáo tổng hợp" */
  what: string;
  /** "1/KH-CĐ"; null for a paper not numbered yet */
  symbol: string | null;
  /** the issuing or reporting unit */
  issuer: string | null;
  /** what tells unnumbered papers apart ("dự thảo 12", "năm 2025") */
  instead: string;
  extension: string;
}

const MAX_STEM = 150;

export function paperFileName(paper: PaperName): string {
  const parts = [
    paper.symbol ? `${paper.what} ${paper.symbol}` : `${paper.what} ${paper.instead}`,
    paper.issuer,
  ];
  const stem = parts
    .filter((part): part is string => Boolean(part?.trim()))
    .join(' - ')
    // characters no file system takes, and the symbol's "/", become "-"
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]+/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_STEM)
    .trim();
  return `${stem}.${paper.extension}`;
}
