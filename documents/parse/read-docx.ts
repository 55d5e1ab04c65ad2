/**
 * DOCX → text lines as the page lays them out, read from word/document.xml itself (fflate unzips,
 * xml-tree.ts parses):
 * - a paragraph a line (line breaks kept), a blank line where the page has an empty paragraph, a
 *   table or a column block (not between every paragraph, so a title's lines stay together); Word auto-numbering
 *   written out from numbering.xml ("II.", "3.", "b)", "-"); text in capitals where the page shows
 *   capitals (w:caps); hidden and deleted text left out;
 * - a borderless table with two columns of text (the header: issuer | motto, the closing: "Nơi
 *   nhận" | signer) → the left column's lines as one block, then the right column's;
 * - any other table → one row a line, cells separated by " | " (a cell merged down repeats);
 * - two columns typed with tabs or runs of spaces on consecutive lines ("ỦY BAN NHÂN DÂN\tCỘNG
 *   HÒA …") → the left parts as one block, then the right parts.
 */
import { unzipSync } from 'fflate';
import { ListNumbering } from './docx-numbering.ts';
import { child, childVal, elements, isOn, parseXml, type XmlElement } from './xml-tree.ts';

/** A run of lines printed together; blocks are separated by a blank line. */
type Block = string[];

interface Item {
  kind: 'paragraph' | 'table';
  blocks: Block[];
}

interface Context {
  styles: Map<string, XmlElement>;
  numbering: ListNumbering;
}

const MAX_PART = 256 << 20;

function unzipParts(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes, {
    filter: (f) => {
      const wanted = f.name === '_rels/.rels' || /^word\/[^/]+\.xml$/.test(f.name);
      if (wanted && f.originalSize > MAX_PART) throw new Error(`${f.name}: part too large to read`);
      return wanted;
    },
  });
  const decoder = new TextDecoder('utf-8');
  return new Map(Object.entries(files).map(([name, data]) => [name, decoder.decode(data)]));
}

function mainPartName(parts: Map<string, string>): string {
  const rels = parts.get('_rels/.rels') ?? '';
  const target = /<Relationship[^>]*Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"/.exec(rels)?.[1];
  return target && parts.has(target) ? target : 'word/document.xml';
}

// --- styles: paragraph numbering, capitals and table borders come down a style's basedOn chain

function styleChain(ctx: Context, id: string | undefined): XmlElement[] {
  const chain: XmlElement[] = [];
  let current = id;
  while (current && chain.length < 20) {
    const style = ctx.styles.get(current);
    if (!style) break;
    chain.push(style);
    current = childVal(style, 'w:basedOn');
  }
  return chain;
}

function styleCaps(ctx: Context, id: string | undefined): boolean | undefined {
  for (const style of styleChain(ctx, id)) {
    const rPr = child(style, 'w:rPr');
    const caps = isOn(rPr, 'w:caps') ?? isOn(rPr, 'w:smallCaps');
    if (caps !== undefined) return caps;
  }
  return undefined;
}

function numberingOf(ctx: Context, pPr: XmlElement | undefined): { numId: string; ilvl: number } | null {
  const direct = child(pPr, 'w:numPr');
  let numId = childVal(direct, 'w:numId');
  let ilvl = childVal(direct, 'w:ilvl');
  for (const style of styleChain(ctx, childVal(pPr, 'w:pStyle'))) {
    if (numId !== undefined && ilvl !== undefined) break;
    const numPr = child(child(style, 'w:pPr'), 'w:numPr');
    numId ??= childVal(numPr, 'w:numId');
    ilvl ??= childVal(numPr, 'w:ilvl');
  }
  if (numId === undefined || numId === '0') return null;
  return { numId, ilvl: Number(ilvl ?? 0) };
}

// --- paragraphs

const SKIP = new Set([
  'w:pPr',
  'w:rPr',
  'w:del',
  'w:delText',
  'w:moveFrom',
  'w:instrText',
  'w:fldData',
  'mc:Fallback',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:commentReference',
]);

function collectRuns(node: XmlElement, ctx: Context, caps: boolean, out: string[], boxes: Block[]): void {
  for (const c of node.children) {
    if (typeof c === 'string' || SKIP.has(c.name)) continue;
    switch (c.name) {
      case 'w:r': {
        const rPr = child(c, 'w:rPr');
        if (isOn(rPr, 'w:vanish')) break;
        const runCaps =
          isOn(rPr, 'w:caps') ??
          isOn(rPr, 'w:smallCaps') ??
          styleCaps(ctx, childVal(rPr, 'w:rStyle')) ??
          caps;
        collectRuns(c, ctx, runCaps, out, boxes);
        break;
      }
      case 'w:t': {
        const text = c.children.filter((t): t is string => typeof t === 'string').join('');
        out.push(caps ? text.toLocaleUpperCase('vi') : text);
        break;
      }
      case 'w:tab':
      case 'w:ptab':
        out.push('\t');
        break;
      case 'w:br':
      case 'w:cr':
        out.push('\n');
        break;
      case 'w:noBreakHyphen':
        out.push('-');
        break;
      case 'w:txbxContent':
        for (const item of walkBlocks(c, ctx)) boxes.push(...item.blocks);
        break;
      default:
        collectRuns(c, ctx, caps, out, boxes);
    }
  }
}

function readParagraph(p: XmlElement, ctx: Context): Item[] {
  const pPr = child(p, 'w:pPr');
  const out: string[] = [];
  const boxes: Block[] = [];
  collectRuns(p, ctx, styleCaps(ctx, childVal(pPr, 'w:pStyle')) ?? false, out, boxes);
  let text = out.join('');
  const numbering = numberingOf(ctx, pPr);
  if (numbering && text.trim().length > 0) {
    const label = ctx.numbering.next(numbering.numId, numbering.ilvl);
    if (label) text = `${label} ${text.replace(/^\s+/, '')}`;
  }
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim().length > 0);
  const items: Item[] = [];
  if (lines.length > 0) items.push({ kind: 'paragraph', blocks: [lines] });
  else if (boxes.length === 0) items.push({ kind: 'paragraph', blocks: [] }); // an empty paragraph: a blank line
  if (boxes.length > 0) items.push({ kind: 'table', blocks: boxes });
  return items;
}

// --- tables

interface Cell {
  col: number;
  span: number;
  lines: string[];
  /** a cell merged with the one above it */
  continued: boolean;
}

function isBordered(tbl: XmlElement, ctx: Context): boolean {
  const tblPr = child(tbl, 'w:tblPr');
  const sources = [child(tblPr, 'w:tblBorders')];
  for (const style of styleChain(ctx, childVal(tblPr, 'w:tblStyle')))
    sources.push(child(child(style, 'w:tblPr'), 'w:tblBorders'));
  const borders = sources.find((b) => b !== undefined);
  if (!borders) return false;
  return elements(borders).some((b) => !['nil', 'none'].includes(b.attrs['w:val'] ?? 'nil'));
}

function cellLines(tc: XmlElement, ctx: Context): string[] {
  return walkBlocks(tc, ctx).flatMap((item) => item.blocks.flat().map((l) => l.replace(/\t+/g, ' ').trim()));
}

function readRows(tbl: XmlElement, ctx: Context): Cell[][] {
  const rows: Cell[][] = [];
  for (const tr of elements(tbl, 'w:tr')) {
    let col = Number(childVal(child(tr, 'w:trPr'), 'w:gridBefore') ?? 0);
    const cells: Cell[] = [];
    const tcs = elements(tr).flatMap((e) =>
      e.name === 'w:tc' ? [e] : e.name === 'w:sdt' ? elements(child(e, 'w:sdtContent'), 'w:tc') : [],
    );
    for (const tc of tcs) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, Number(childVal(tcPr, 'w:gridSpan') ?? 1) || 1);
      const vMerge = child(tcPr, 'w:vMerge');
      const continued = vMerge !== undefined && (vMerge.attrs['w:val'] ?? 'continue') === 'continue';
      cells.push({ col, span, lines: cellLines(tc, ctx), continued });
      col += span;
    }
    rows.push(cells);
  }
  return rows;
}

/** Header and closing tables: at most two cells of text a row, one left of the middle, one right. */
function layoutColumns(rows: Cell[][], width: number): Block[] | null {
  if (rows.length > 6) return null;
  const blocks: Block[] = [];
  let left: string[] = [];
  let right: string[] = [];
  const flush = (): void => {
    if (left.length > 0) blocks.push(left);
    if (right.length > 0) blocks.push(right);
    left = [];
    right = [];
  };
  let twoSided = false;
  for (const row of rows) {
    const full = row.filter((c) => c.lines.length > 0);
    if (full.length > 2) return null;
    const sides = full.map((c) => {
      const centre = c.col + c.span / 2;
      return centre < width / 2 ? 'left' : centre > width / 2 ? 'right' : 'both';
    });
    if (full.length === 2 && sides[0] === sides[1]) return null;
    if (sides.includes('left') && sides.includes('right')) twoSided = true;
    full.forEach((c, k) => {
      if (sides[k] === 'both') {
        flush();
        blocks.push(c.lines);
      } else if (sides[k] === 'left') left.push(...c.lines);
      else right.push(...c.lines);
    });
  }
  flush();
  return twoSided ? blocks : null;
}

function readTable(tbl: XmlElement, ctx: Context): Block[] {
  const rows = readRows(tbl, ctx);
  const width = Math.max(1, ...rows.map((r) => r.reduce((n, c) => Math.max(n, c.col + c.span), 0)));
  if (!isBordered(tbl, ctx)) {
    const columns = layoutColumns(rows, width);
    if (columns) return columns;
    // a borderless one-column box: its lines as they are
    if (rows.every((r) => r.filter((c) => c.lines.length > 0).length <= 1))
      return [rows.flatMap((r) => r.flatMap((c) => c.lines))];
  }
  const above = new Map<number, string>();
  const lines: string[] = [];
  for (const row of rows) {
    const texts = row.map((c) => {
      const text = c.lines.join(' ').replace(/\s+/g, ' ').trim();
      if (c.continued && text === '') return above.get(c.col) ?? '';
      above.set(c.col, text);
      return text;
    });
    if (texts.some((t) => t.length > 0)) lines.push(texts.join(' | ').trim());
  }
  return lines.length > 0 ? [lines] : [];
}

// --- body

function walkBlocks(container: XmlElement, ctx: Context): Item[] {
  const items: Item[] = [];
  for (const el of elements(container)) {
    if (el.name === 'w:p') items.push(...readParagraph(el, ctx));
    else if (el.name === 'w:tbl') items.push({ kind: 'table', blocks: readTable(el, ctx) });
    else if (el.name === 'w:sdt') items.push(...walkBlocks(child(el, 'w:sdtContent') ?? el, ctx));
    else if (el.name === 'w:customXml' || el.name === 'w:ins' || el.name === 'w:smartTag')
      items.push(...walkBlocks(el, ctx));
  }
  return items;
}

// two columns typed on one line: a tab, or eight spaces or more, between a left and a right part
const GAP = /[ \u00a0]*\t[\t \u00a0]*|[ \u00a0]{8,}/g;
const LIST_LABEL = /^(?:[-+•*–]|\d{1,3}[.)]?|[a-zđ][.)]|[IVXLC]{1,6}[.)]?|Điều \d+\.?)$/i;

const RECIPIENTS = /^(?:Nơi nhận|[-+]\s)/i;

type Split = { left: string; right: string } | null;

/** "ỦY BAN NHÂN DÂN\t\tCỘNG HÒA …" → left and right parts; "\t\tĐộc lập …" → a right part alone. */
export function splitTypedColumns(line: string): Split {
  const trimmed = line.trim();
  if (trimmed.length === 0) return null;
  const lead = /^[\t \u00a0]*/.exec(line)![0];
  const leadWidth = lead.replace(/\t/g, '        ').length;
  let best: { index: number; length: number; width: number } | null = null;
  for (const m of trimmed.matchAll(GAP)) {
    const width = m[0].replace(/\t/g, '        ').length;
    if (!best || width > best.width) best = { index: m.index, length: m[0].length, width };
  }
  if (!best) return leadWidth >= 16 ? { left: '', right: trimmed } : null;
  const left = trimmed.slice(0, best.index).replace(/\s+/g, ' ');
  const right = trimmed.slice(best.index + best.length).replace(/\t/g, ' ');
  if (leadWidth >= 16 || LIST_LABEL.test(left) || left.length > 60 || right.length > 80) return null;
  return { left, right };
}

/** Consecutive lines typed in two columns → the left parts, then the right parts. */
function unfoldTypedColumns(items: Item[]): Block[] {
  // a paragraph's lines, one unit each; a table's blocks, one unit each
  // (an empty paragraph: a unit without line or block)
  const units: { line: string | null; block: Block }[] = [];
  for (const item of items) {
    if (item.kind === 'table') for (const block of item.blocks) units.push({ line: null, block });
    else if (item.blocks.length === 0) units.push({ line: null, block: [] });
    else for (const block of item.blocks) for (const line of block) units.push({ line, block: [line] });
  }
  const blocks: Block[] = [];
  const clean = (l: string): string => l.replace(/[\t\u00a0 ]+/g, ' ').trim();
  const splitAt = (k: number): Split => {
    const line = units[k]?.line;
    return line == null ? null : splitTypedColumns(line);
  };
  let k = 0;
  // the next line starts a block of its own: after a blank, a table or a column group
  let newBlock = true;
  while (k < units.length) {
    const unit = units[k]!;
    if (!splitAt(k)?.left) {
      if (unit.line === null) {
        if (unit.block.length > 0) blocks.push(unit.block);
        newBlock = true;
      } else {
        if (newBlock) blocks.push([clean(unit.line)]);
        else blocks.at(-1)!.push(clean(unit.line));
        newBlock = false;
      }
      k++;
      continue;
    }
    const left: string[] = [];
    const right: string[] = [];
    while (k < units.length) {
      const line = units[k]!.line;
      const part = splitAt(k);
      if (part) {
        if (part.left) left.push(part.left);
        right.push(part.right);
      } else if (line === null && units[k]!.block.length === 0) {
        // an empty paragraph inside the columns (the signature's space)
      } else if (line != null && line.trim().length <= 40 && splitAt(k + 1)?.left) left.push(clean(line));
      else if (
        line != null &&
        /^[-+]\s/.test(line) &&
        line.length <= 100 &&
        left.some((l) => RECIPIENTS.test(l))
      )
        left.push(clean(line)); // the rest of the "Nơi nhận" list, below the signer's title
      else break;
      k++;
    }
    blocks.push(left, right);
    newBlock = true;
  }
  return blocks.filter((b) => b.length > 0);
}

/** Text of a DOCX file. */
export async function readDocx(bytes: Uint8Array): Promise<string> {
  const parts = unzipParts(bytes);
  const main = parts.get(mainPartName(parts));
  if (main === undefined) throw new Error('not a Word document: word/document.xml is missing');
  const stylesXml = parts.get('word/styles.xml');
  const styles = new Map<string, XmlElement>();
  if (stylesXml)
    for (const s of elements(parseXml(stylesXml), 'w:style')) styles.set(s.attrs['w:styleId'] ?? '', s);
  const numberingXml = parts.get('word/numbering.xml');
  const ctx: Context = {
    styles,
    numbering: new ListNumbering(numberingXml ? parseXml(numberingXml) : undefined),
  };
  const body = child(parseXml(main), 'w:body');
  if (!body) return '';
  return unfoldTypedColumns(walkBlocks(body, ctx))
    .map((b) => b.join('\n'))
    .join('\n\n');
}
