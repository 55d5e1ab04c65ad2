import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** An uploaded file received whole on disk, within the size limit. */
export interface UploadedFile {
  /** The name the client gave (to be cleaned by whoever keeps it). */
  fileName: string;
  path: string;
  size: number;
}

/** The multipart size limit's refusal, as `@fastify/multipart` names it (413 in the error handler). */
export class UploadTooLargeError extends Error {
  readonly code = 'FST_REQ_FILE_TOO_LARGE';
  readonly statusCode = 413;
  constructor() {
    super('request file too large');
  }
}

/**
 * The one file of a multipart request, not yet read: `save()` streams it to a temporary file,
 * chunk by chunk as it arrives, so a large or hostile upload never sits whole in the server's
 * memory; past the size limit (`@fastify/multipart`'s `fileSize`, counted as the bytes arrive)
 * the stream is cut by the parser, the partial file removed and `UploadTooLargeError` thrown —
 * never a truncated file. `dispose()` removes what was saved and drains what was not.
 */
export class PendingUpload {
  private saved: Promise<UploadedFile> | null = null;
  private dir: string | null = null;

  constructor(private readonly part: MultipartFile) {}

  get fileName(): string {
    return this.part.filename;
  }

  save(): Promise<UploadedFile> {
    this.saved ??= this.receive();
    return this.saved;
  }

  async dispose(): Promise<void> {
    if (!this.saved) this.part.file.resume();
    else await this.saved.catch(() => undefined);
    if (this.dir) await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
    this.dir = null;
  }

  private async receive(): Promise<UploadedFile> {
    this.dir = await mkdtemp(join(tmpdir(), 'tiendo-upload-'));
    const path = join(this.dir, 'file');
    let size = 0;
    const stream = this.part.file;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    try {
      await pipeline(stream, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      if (stream.truncated) throw new UploadTooLargeError();
      throw error;
    }
    if (stream.truncated) throw new UploadTooLargeError();
    return { fileName: this.part.filename, path, size };
  }
}

/** The request's file part, or 400 naming the missing `file`. */
export async function takeUpload(request: FastifyRequest): Promise<PendingUpload> {
  const part = await request.file();
  if (!part) throw new AppError(400, 'validation', { field: 'file', detail: 'thiếu tệp' }, 'file');
  return new PendingUpload(part);
}

/** Receives the request's file on disk, gives it to `use`, and removes it afterwards. */
export async function withUpload<T>(
  request: FastifyRequest,
  use: (file: UploadedFile) => Promise<T>,
): Promise<T> {
  const upload = await takeUpload(request);
  try {
    return await use(await upload.save());
  } finally {
    await upload.dispose();
  }
}
