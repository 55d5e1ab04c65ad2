import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeTable } from './route-table.ts';

const routes = routeTable({ sessionTtlHours: 1 });
const name = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
const successCodes = (response: Record<number, z.ZodType>) =>
  Object.keys(response)
    .map(Number)
    .filter((code) => code >= 200 && code < 300);

describe('route responses', () => {
  // The web client's types are the contracts: a route without one is a shape retyped by hand.
  it('give every route a contract for its answer, or the content type of the file it sends', () => {
    const missing = routes
      .filter((route) => !route.produces && successCodes(route.response ?? {}).length === 0)
      .map(name);
    expect(missing).toEqual([]);
  });

  it('declare a file download by its content type only, never with a JSON contract as well', () => {
    const both = routes.filter((route) => route.produces && route.response).map(name);
    expect(both).toEqual([]);
    for (const route of routes.filter((r) => r.produces))
      expect(route.produces, name(route)).toMatch(/^[a-z*]+\/[a-z0-9.+*-]+$/);
  });

  // The serialiser encodes each answer through its schema: an object schema drops every field it
  // does not name, so an internal column cannot leak. A schema that accepts anything would let it.
  it('answer with object or list schemas that name their fields', () => {
    const open: string[] = [];
    for (const route of routes) {
      for (const [code, schema] of Object.entries(route.response ?? {})) {
        expect(schema, `${name(route)} ${code}`).toBeInstanceOf(z.ZodType);
        const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as {
          type?: string;
          additionalProperties?: unknown;
        };
        if (json.type !== 'object' && json.type !== 'array') open.push(`${name(route)} ${code}`);
        if (json.type === 'object' && json.additionalProperties !== false)
          open.push(`${name(route)} ${code}`);
      }
    }
    expect(open).toEqual([]);
  });

  // The web client infers its types from `contracts/`: an answer schema written inside a route file
  // is one the web app cannot import, so it would be retyped there by hand.
  it('take every answer schema from contracts/, the module the web app imports', async () => {
    const folder = new URL('../../contracts/', import.meta.url);
    const shared = new Set<unknown>();
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')))
      for (const value of Object.values(await import(new URL(file, folder).href))) shared.add(value);
    const local = routes.flatMap((route) =>
      Object.entries(route.response ?? {})
        .filter(([, schema]) => !shared.has(schema))
        .map(([code]) => `${name(route)} ${code}`),
    );
    expect(local).toEqual([]);
  });
});
