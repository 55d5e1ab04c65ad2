/**
 * Word 97-2003 (.doc, an OLE2 compound file) → DOCX through LibreOffice (`soffice --headless
 * --convert-to docx`, a private profile in a temporary folder, two minutes at most), then the DOCX
 * reader, so its tables and numbering are read the same way.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readDocx } from './read-docx.ts';
import { runProgram } from './run-program.ts';

const TIMEOUT_MS = 120_000;

export async function readDoc(bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tiendo-doc-'));
  try {
    const input = join(dir, 'input.doc');
    const out = join(dir, 'out');
    await writeFile(input, bytes);
    await runProgram(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'docx',
        '--outdir',
        out,
        input,
      ],
      { timeoutMs: TIMEOUT_MS },
    );
    const converted = (await readdir(out).catch(() => [])).find((f) => f.endsWith('.docx'));
    if (!converted) throw new Error('LibreOffice could not convert this Word 97-2003 document');
    return readDocx(await readFile(join(out, converted)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
