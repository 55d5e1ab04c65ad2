import { describe, expect, it } from 'vitest';
import { buildParagraphs } from './build-outline.ts';
import { tasksFromRequestLists } from './extract-tasks.ts';

const paragraphs = (text: string) => buildParagraphs(text.split('\n'));

describe('tasksFromRequestLists', () => {
  it('reads the items of a list a letter opens with "có trách nhiệm:"', () => {
    const { tasks } = tasksFromRequestLists(
      paragraphs(`Giám đốc Sở Lao động - Thương binh và Xã hội có trách nhiệm:

- Phối hợp với Bưu điện tỉnh hoàn thiện Đề án chi trả trợ cấp trước ngày 30/11/2018.

- Kịp thời giải đáp, hướng dẫn những vướng mắc (nếu có).

Bộ thông báo để các địa phương biết và thực hiện./.`),
    );
    expect(tasks.map((t) => [t.text, t.deadline])).toEqual([
      ['Phối hợp với Bưu điện tỉnh hoàn thiện Đề án chi trả trợ cấp trước ngày 30/11/2018', '2018-11-30'],
      ['Kịp thời giải đáp, hướng dẫn những vướng mắc (nếu có)', null],
    ]);
  });

  it('reads no task from a list not opened by a request (addressees)', () => {
    const { tasks } = tasksFromRequestLists(
      paragraphs(`Kính gửi:
- UBND các xã, phường;
- Các đơn vị trực thuộc.`),
    );
    expect(tasks).toEqual([]);
  });
});
