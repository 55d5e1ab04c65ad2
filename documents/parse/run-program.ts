/**
 * Runs the Debian programs the reader leans on (tesseract, pdftoppm, soffice): stdout as text, a
 * missing program as `MissingProgramError` naming its package, a time limit that ends the whole
 * process group (soffice starts soffice.bin under it).
 */
import { spawn } from 'node:child_process';

const PACKAGES: Record<string, string> = {
  tesseract: 'tesseract-ocr tesseract-ocr-vie',
  pdftoppm: 'poppler-utils',
  soffice: 'libreoffice-writer-nogui',
};

export class MissingProgramError extends Error {
  constructor(readonly program: string) {
    super(
      `${program} is not installed; install the Debian package(s): apt-get install ${PACKAGES[program] ?? program}`,
    );
    this.name = 'MissingProgramError';
  }
}

export interface RunOptions {
  /** ends the program (and its children) after this many milliseconds */
  timeoutMs?: number;
  /** bytes written to the program's stdin */
  input?: Uint8Array;
  env?: NodeJS.ProcessEnv;
}

export function runProgram(
  program: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: options.timeoutMs !== undefined,
      ...(options.env ? { env: options.env } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? null
        : setTimeout(() => {
            timedOut = true;
            try {
              if (child.pid) process.kill(-child.pid, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }, options.timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    if (options.input) child.stdin?.end(options.input);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new MissingProgramError(program) : error);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (timedOut) reject(new Error(`${program} took longer than ${options.timeoutMs} ms and was stopped`));
      else if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else {
        const message = Buffer.concat(err).toString('utf8').trim().split('\n').at(-1) ?? '';
        reject(new Error(`${program} failed (exit ${code}): ${message}`));
      }
    });
  });
}
