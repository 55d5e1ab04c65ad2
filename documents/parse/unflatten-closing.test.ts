import { describe, expect, it } from 'vitest';
import { splitFlatRecipients, unflattenClosing } from './unflatten-closing.ts';

describe('unflattenClosing', () => {
  it('splits recipients whose purpose is in brackets after the semicolon', () => {
    expect(
      splitFlatRecipients(
        'Nơi nhận: - Như trên; - Văn phòng Chính phủ; (để báo cáo) - Bộ Y tế; (để phối hợp) - Lưu: VT.',
      ),
    ).toEqual([
      'Nơi nhận:',
      '- Như trên;',
      '- Văn phòng Chính phủ; (để báo cáo)',
      '- Bộ Y tế; (để phối hợp)',
      '- Lưu: VT.',
    ]);
  });

  it('reads a table row whose only filled cell is the signature', () => {
    expect(unflattenClosing(['|  | KT. BỘ TRƯỞNG THỨ TRƯỞNG Bùi Hồng Lĩnh |'])).toEqual([
      'KT. BỘ TRƯỞNG',
      'THỨ TRƯỞNG',
      'Bùi Hồng Lĩnh',
    ]);
  });

  it('leaves a table row of figures alone', () => {
    expect(unflattenClosing(['| Tổng số | 120 |'])).toEqual(['| Tổng số | 120 |']);
  });
});
