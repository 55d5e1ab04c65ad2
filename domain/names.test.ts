import { describe, expect, it } from 'vitest';
import { nameRefusal } from './names.ts';

describe('names people read', () => {
  it('refuses names of only zero-width or invisible characters', () => {
    for (const name of ['\u200B', '\u200B\u200C\u200D', '\u2060\uFEFF', ' \u00AD ', '\u3164']) {
      expect(nameRefusal(name)).toBe('invisible_only');
    }
  });

  it('refuses bidirectional controls anywhere in a name', () => {
    for (const name of [
      'Công đoàn \u202Etxt.exe',
      '\u202Dquản trị',
      'LĐLĐ \u2067Hà Nội\u2069',
      'a\u200Fb',
      '\u061C',
    ]) {
      expect(nameRefusal(name)).toBe('bidi_control');
    }
  });

  it('accepts Vietnamese names, with a joiner inside a real name too', () => {
    for (const name of [
      'Liên đoàn Lao động tỉnh Lai Châu',
      'Nguyễn Thị Ánh',
      'CĐCS Công ty May 10',
      'a\u200Db',
    ]) {
      expect(nameRefusal(name)).toBeNull();
    }
  });
});
