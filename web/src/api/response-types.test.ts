import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folder = new URL('./', import.meta.url);
const modules = readdirSync(folder)
  .filter((file) => file.endsWith('.api.ts'))
  .map((file) => ({ file, source: readFileSync(new URL(file, folder), 'utf8') }));

/** Names imported from `contracts/` (types inferred from the zod schemas the server answers through). */
function contractNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/import type \{([^}]*)\} from '(?:\.\.\/)+contracts\/[\w-]+\.ts'/g))
    for (const name of match[1]!.split(',')) if (name.trim()) names.add(name.trim());
  return names;
}

describe('the web client', () => {
  it('has API modules to check', () => expect(modules.length).toBeGreaterThan(5));

  // A shape retyped by hand drifts from what the server sends; the contract cannot.
  it('types every answer with a contract type, never a shape written by hand', () => {
    const byHand: string[] = [];
    for (const { file, source } of modules) {
      const contracts = contractNames(source);
      for (const match of source.matchAll(/\bapi(?:Get|Post|Patch|Request)<([^>(]+)>\(/g))
        if (!contracts.has(match[1]!.trim())) byHand.push(`${file}: ${match[0]}`);
      for (const match of source.matchAll(/Promise<([^>]+)>/g)) {
        const type = match[1]!.trim();
        const ok = contracts.has(type) || /^T\w+\[\]$/.test(type) || type === 'void';
        const file_download = type === '{ blob: Blob; fileName: string }';
        if (!ok && !file_download) byHand.push(`${file}: ${match[0]}`);
      }
      // Only the shapes of query strings (`…Query`, `…Search`) are the client's own: they are requests.
      for (const match of source.matchAll(/^export (?:interface|type) (\w+)/gm))
        if (!/Query$|Search$/.test(match[1]!)) byHand.push(`${file}: ${match[0]}`);
    }
    expect(byHand).toEqual([]);
  });
});
