import { marked } from 'marked';
import { slug } from '../../../../domain/fold-text.ts';

/**
 * The user guide (docs/huong-dan-su-dung.md, the one file both the repository and the app show) as
 * HTML: headings get ids for links from each screen's "?" and pictures point at the built images.
 * The text is the project's own, bundled at build time; no user's input passes through here.
 */
export function renderGuide(markdown: string, imageUrls: Readonly<Record<string, string>>): string {
  const renderer = new marked.Renderer();
  renderer.heading = ({ tokens, depth }) => {
    const text = renderer.parser.parseInline(tokens);
    return `<h${depth} id="${guideAnchor(text)}">${text}</h${depth}>\n`;
  };
  renderer.image = ({ href, text }) => {
    const url = imageUrls[href.replace(/^\.?\//, '')] ?? href;
    return `<img src="${url}" alt="${escapeAttribute(text)}" loading="lazy">`;
  };
  return marked.parse(markdown, { renderer, async: false });
}

/** "2. Thiết lập lần đầu (hệ thống trống)" → "2-thiet-lap-lan-dau-he-thong-trong". */
export function guideAnchor(heading: string): string {
  return slug(heading.replace(/<[^>]*>/g, ''), 200);
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
