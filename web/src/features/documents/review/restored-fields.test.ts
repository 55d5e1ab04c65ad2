import { describe, expect, it } from 'vitest';
import type { TExtractedDocument } from '../../../../../contracts/plan-extract.ts';
import { applyRestoredFields } from './restored-fields.ts';

const doc: TExtractedDocument = {
  kind: 'KH',
  symbol: '72/KH-LĐLĐ',
  issuer: 'Lien doan Lao dong tinh Lai Chau',
  place: null,
  date: null,
  title: 'Thuc hien Chi thi so 28-CT/TW',
  addressees: [],
  signer: null,
  references: [],
  targets: [{ text: 'Tren 90% doan vien', milestones: [] }],
  tasks: [
    { text: 'To chuc tuyen truyen', deadline: '2025-12-31', lead: 'Ban Tuyen giao' },
    { text: 'Kiem tra giam sat', deadline: null, lead: null },
  ],
  assignments: [{ unit: 'Cong doan co so', text: 'Trien khai' }],
  reporting: [],
  recipients: [],
  events: [],
};

describe('applyRestoredFields', () => {
  it('puts the restored texts into the fields they belong to, other values kept', () => {
    const { doc: next, applied } = applyRestoredFields(doc, [
      { key: 'title', original: 'Thuc hien Chi thi so 28-CT/TW', restored: 'Thực hiện Chỉ thị số 28-CT/TW' },
      { key: 'issuer', original: doc.issuer!, restored: 'Liên đoàn Lao động tỉnh Lai Châu' },
      { key: 'targets.0.text', original: 'Tren 90% doan vien', restored: 'Trên 90% đoàn viên' },
      { key: 'tasks.0.text', original: 'To chuc tuyen truyen', restored: 'Tổ chức tuyên truyền' },
      { key: 'tasks.0.lead', original: 'Ban Tuyen giao', restored: 'Ban Tuyên giáo' },
      { key: 'assignments.0.unit', original: 'Cong doan co so', restored: 'Công đoàn cơ sở' },
    ]);
    expect(applied).toBe(6);
    expect(next.title).toBe('Thực hiện Chỉ thị số 28-CT/TW');
    expect(next.issuer).toBe('Liên đoàn Lao động tỉnh Lai Châu');
    expect(next.targets[0]).toEqual({ text: 'Trên 90% đoàn viên', milestones: [] });
    expect(next.tasks[0]).toEqual({
      text: 'Tổ chức tuyên truyền',
      deadline: '2025-12-31',
      lead: 'Ban Tuyên giáo',
    });
    expect(next.tasks[1]).toEqual(doc.tasks[1]);
    expect(next.assignments[0]).toEqual({ unit: 'Công đoàn cơ sở', text: 'Trien khai' });
    expect(next.symbol).toBe('72/KH-LĐLĐ');
  });

  it('leaves a field the officer has already changed as they wrote it', () => {
    const edited = { ...doc, title: 'Kế hoạch thực hiện Chỉ thị 28' };
    const { doc: next, applied } = applyRestoredFields(edited, [
      { key: 'title', original: 'Thuc hien Chi thi so 28-CT/TW', restored: 'Thực hiện Chỉ thị số 28-CT/TW' },
    ]);
    expect(applied).toBe(0);
    expect(next.title).toBe('Kế hoạch thực hiện Chỉ thị 28');
  });
});
