import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Tests only: validates an ADX message against the published ADX schema (`resources/exchange/adx/`,
 * IHE QRPH ADX 2015 loose schema, see its SOURCES.md) with libxml2's `xmllint` (Debian package
 * `libxml2-utils`), which reads everything from disk: no network.
 */

export const ADX_XSD = fileURLToPath(new URL('../../resources/exchange/adx/adx.xsd', import.meta.url));

export interface XsdVerdict {
  valid: boolean;
  /** xmllint's messages, one per fault ('-:3: element group: Schemas validity error : …'). */
  errors: string[];
}

export function validateAdxXsd(xml: string | Uint8Array): XsdVerdict {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', ADX_XSD, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (run.error) throw new Error(`xmllint (apt-get install libxml2-utils): ${run.error.message}`);
  // 0: valid; 3: invalid against the schema; 1: not well-formed; other codes: xmllint itself failed.
  if (run.status !== 0 && run.status !== 3 && run.status !== 1)
    throw new Error(`xmllint exited ${String(run.status)}: ${run.stderr}`);
  const errors = run.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^- (validates|fails to validate)$/.test(line.trim()));
  return { valid: run.status === 0, errors };
}
