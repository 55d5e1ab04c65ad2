/**
 * How deep a JSON text nests, read before it is parsed (issue 18, break 13): a body nested
 * 900,000 levels deep parses (V8's JSON.parse does not recurse) but then overflows the stack of
 * every walk over it (the NUL check, validation, the audit's diff) — a 500 and a stack trace per
 * request. One linear scan, no recursion: brackets inside strings do not count.
 */
export const MAX_JSON_DEPTH = 64;

/** True when some object or array in `text` lies deeper than `maxDepth` levels. */
export function jsonNestsDeeperThan(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
