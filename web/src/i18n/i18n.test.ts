import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const SOURCE_ROOT = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Literal keys in `t('a.b')` calls; template keys like `org.type.${type}` are checked by their prefix. */
function usedKeys(): { literal: string[]; prefixes: string[] } {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles(SOURCE_ROOT)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) literal.add(match[1] ?? '');
    for (const match of text.matchAll(/\bt\(`([a-zA-Z0-9_.]+)\.\$\{/g)) prefixes.add(match[1] ?? '');
  }
  return { literal: [...literal].sort(), prefixes: [...prefixes].sort() };
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

  it('has every key the code asks for', () => {
    const { literal, prefixes } = usedKeys();
    expect(literal.length).toBeGreaterThan(50);
    expect(literal.filter((key) => !viKeys.includes(key))).toEqual([]);
    expect(prefixes.filter((prefix) => !viKeys.some((key) => key.startsWith(`${prefix}.`)))).toEqual([]);
  });
});
