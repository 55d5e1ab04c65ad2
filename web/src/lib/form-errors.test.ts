import { describe, expect, it } from 'vitest';
import { toNamePath } from './form-errors.ts';

describe('toNamePath', () => {
  it('turns a server field into an antd name path', () => {
    expect(toNamePath('name')).toEqual(['name']);
    expect(toNamePath('successors.1.code')).toEqual(['successors', 1, 'code']);
    expect(toNamePath('successors[0].name')).toEqual(['successors', 0, 'name']);
  });
});
