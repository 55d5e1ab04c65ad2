import { describe, expect, it } from 'vitest';
import {
  dataUrlToBlob,
  formatFigure,
  formatMilestoneValue,
  milestoneComparable,
  slug,
} from './dashboard-format.ts';

describe('dashboard formats', () => {
  it('writes figures the Vietnamese way', () => {
    expect(formatFigure(87.5, '%')).toBe('87,5%');
    expect(formatFigure(86.53136, '%')).toBe('86,5%');
    expect(formatFigure(1240, 'hoạt động')).toBe('1.240 hoạt động');
    expect(formatFigure(null, '%')).toBe('—');
    expect(formatFigure(3, null)).toBe('3');
  });

  it('writes milestones and knows when they fit the chart', () => {
    expect(formatMilestoneValue({ year: 2030, op: '>=', value: 95, unit: '%' })).toBe('≥ 95%');
    expect(milestoneComparable({ year: 2030, op: '>', value: 95, unit: '%' }, '%')).toBe(true);
    expect(milestoneComparable({ year: 2030, op: '>', value: 95, unit: '%' }, 'hoạt động')).toBe(false);
  });

  it('turns a data URL into a blob and names files plainly', () => {
    const blob = dataUrlToBlob('data:image/png;base64,iVBORw0KGgo=');
    expect(blob.type).toBe('image/png');
    expect(blob.size).toBe(8);
    expect(slug('Năm 2025 — Đoàn Kết')).toBe('nam-2025-doan-ket');
  });
});
