import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GUIDE_SECTION } from '../../components/page-help.tsx';
import { guideAnchor, renderGuide } from './render-guide.ts';

const guide = readFileSync(new URL('../../../../docs/huong-dan-su-dung.md', import.meta.url), 'utf8');

describe('the user guide in the app', () => {
  it('gives every heading an id without diacritics', () => {
    expect(guideAnchor('2. Thiết lập lần đầu (hệ thống trống)')).toBe('2-thiet-lap-lan-dau-he-thong-trong');
    expect(renderGuide('## 6. Duyệt báo cáo', {})).toContain(
      '<h2 id="6-duyet-bao-cao">6. Duyệt báo cáo</h2>',
    );
  });
  it('points pictures at the built images', () => {
    const html = renderGuide('![Xem lại](images/journey-02-review.png)', {
      'images/journey-02-review.png': '/assets/journey-02-review-abc.png',
    });
    expect(html).toContain('<img src="/assets/journey-02-review-abc.png" alt="Xem lại"');
  });
  it("has the section every screen's help links to", () => {
    const html = renderGuide(guide, {});
    for (const section of Object.values(GUIDE_SECTION)) {
      if (section) expect(html).toContain(`id="${section}"`);
    }
  });
});
