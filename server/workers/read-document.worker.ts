/**
 * One untrusted file read in a process of its own (forked by `DocumentReaderPool` with a heap
 * limit, a time limit and a lower priority): a plan document, or an uploaded spreadsheet (a report
 * template, an organisation file). Receives one request, answers progress and then the result or
 * a short error code — never a library's message (that goes to stderr, for the server's log).
 */
import type { ParseErrorCode, ReaderMessage, ReaderRequest } from './document-reader-pool.ts';

// The document reader's modules are loaded by the workers that read a document, as the
// spreadsheets' are by those that read a spreadsheet: a worker starts with what its one file needs.
const documentModules = async () => {
  const [
    { parseResultOf },
    { readInput, UnreadableInputError },
    { ReadLimitError },
    { MissingProgramError },
  ] = await Promise.all([
    import('../../documents/parse/parse-result.ts'),
    import('../../documents/parse/read-input.ts'),
    import('../../documents/parse/read-limits.ts'),
    import('../../documents/parse/run-program.ts'),
  ]);
  return { parseResultOf, readInput, UnreadableInputError, ReadLimitError, MissingProgramError };
};
type DocumentModules = Awaited<ReturnType<typeof documentModules>>;

function send(message: ReaderMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

function codeOf(error: unknown, m: DocumentModules): ParseErrorCode {
  if (error instanceof m.ReadLimitError) return error.code;
  if (error instanceof m.UnreadableInputError) return 'parse_unreadable';
  if (error instanceof m.MissingProgramError) return 'parse_ocr_unavailable';
  return 'parse_failed';
}

/** A spreadsheet's failure: refused (not one, or over the ZIP guard's limits) or broken. */
function sheetFailure(error: unknown, refused: boolean, tooLarge = false): ReaderMessage {
  const code: ParseErrorCode = tooLarge
    ? 'parse_text_too_long'
    : refused
      ? 'parse_unreadable'
      : 'parse_failed';
  process.stderr.write(
    `${code}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return { type: 'failed', code };
}

async function read(request: ReaderRequest): Promise<ReaderMessage> {
  const started = performance.now();
  // spreadsheets: their libraries are loaded only by the workers that read one
  if (request.kind === 'workbook') {
    const { readWorkbookRows, UnreadableWorkbook, WorkbookTooLarge } = await import(
      '../../documents/sheets/read-workbook.ts'
    );
    try {
      return { type: 'done', result: await readWorkbookRows(request.path) };
    } catch (error) {
      return sheetFailure(error, error instanceof UnreadableWorkbook, error instanceof WorkbookTooLarge);
    }
  }
  if (request.kind === 'org-file') {
    const { readOrgFile, OrgFileTooLarge, UnreadableOrgFile } = await import(
      '../../documents/sheets/read-org-file.ts'
    );
    try {
      return { type: 'done', result: await readOrgFile(request.path) };
    } catch (error) {
      return sheetFailure(error, error instanceof UnreadableOrgFile, error instanceof OrgFileTooLarge);
    }
  }
  const m = await documentModules();
  try {
    const text =
      request.kind === 'text'
        ? request.text
        : await m.readInput(request.path, {
            limits: request.limits,
            onProgress: (done, total) => void send({ type: 'progress', done, total }),
          });
    const result = m.parseResultOf(text, request.source, started);
    return { type: 'done', result };
  } catch (error) {
    const code = codeOf(error, m);
    process.stderr.write(
      `${code}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return { type: 'failed', code };
  }
}

// the server went away: nothing is waiting for the answer
process.on('disconnect', () => process.exit(0));
process.once('message', (request: ReaderRequest) => {
  void read(request)
    .then(send)
    .finally(() => process.exit(0));
});
