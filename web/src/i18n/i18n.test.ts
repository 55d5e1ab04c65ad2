import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

/** Every leaf key as a dotted path, e.g. `org.type.province`. */
function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

function leafValue(tree: Tree, path: string): string {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : '';
}

describe('translations', () => {
  const viKeys = leafKeys(vi as Tree);
  const enKeys = leafKeys(en as Tree);

  it('has every Vietnamese key in English', () => {
    expect(viKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
  });

  it('has every English key in Vietnamese', () => {
    expect(enKeys.filter((key) => !viKeys.includes(key))).toEqual([]);
  });

  it('has no empty strings', () => {
    expect(viKeys.filter((key) => leafValue(vi as Tree, key).trim() === '')).toEqual([]);
    expect(enKeys.filter((key) => leafValue(en as Tree, key).trim() === '')).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const mismatched = viKeys.filter(
      (key) =>
        enKeys.includes(key) &&
        placeholders(leafValue(vi as Tree, key)).join() !== placeholders(leafValue(en as Tree, key)).join(),
    );
    expect(mismatched).toEqual([]);
  });
});
