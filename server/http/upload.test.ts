import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UploadedFile, withUpload } from './upload.ts';

const LIMIT = 64 * 1024;
const BOUNDARY = '----tiendo-test';

function multipartBody(data: Buffer, name = 'ke-hoach.docx'): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

describe('uploads received on disk (issue 18: no upload held whole in the server)', () => {
  let app: FastifyInstance;
  let root: string;
  const savedTmp = process.env.TMPDIR;
  let seen: (UploadedFile & { bytes: Buffer; sawBuffer: boolean }) | null = null;

  const leftovers = () => readdirSync(root).filter((name) => name.startsWith('tiendo-upload-'));

  beforeAll(async () => {
    // the uploads' temporary folders land here, so the test sees every one of them
    root = mkdtempSync(join(tmpdir(), 'tiendo-upload-test-'));
    process.env.TMPDIR = root;
    app = Fastify();
    await app.register(multipart, { limits: { fileSize: LIMIT, files: 1 } });
    app.setErrorHandler((error: { status?: number; statusCode?: number; code?: string }, _request, reply) =>
      reply.status(error.status ?? error.statusCode ?? 500).send({ code: error.code ?? 'error' }),
    );
    app.post('/upload', (request) =>
      withUpload(request, async (file) => {
        seen = { ...file, bytes: readFileSync(file.path), sawBuffer: Buffer.isBuffer(file) };
        expect(leftovers()).toHaveLength(1);
        return { size: file.size };
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    process.env.TMPDIR = savedTmp;
    rmSync(root, { recursive: true, force: true });
  });

  const send = (data: Buffer) =>
    app.inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipartBody(data),
    });

  it('streams a file within the limit to a temporary file, whole, and removes it after the request', async () => {
    const data = Buffer.alloc(LIMIT - 10, 0x61);
    data.write('PK\u0003\u0004', 0);
    const response = await send(data);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ size: data.length });
    expect(seen).toMatchObject({ fileName: 'ke-hoach.docx', size: data.length, sawBuffer: false });
    expect(seen!.bytes.equals(data)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a file over the limit as it arrives (413), never cut, and leaves nothing on disk', async () => {
    seen = null;
    const response = await send(Buffer.alloc(LIMIT * 4, 0x62));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ code: 'FST_REQ_FILE_TOO_LARGE' });
    // the handler never got a truncated file
    expect(seen).toBeNull();
    expect(leftovers()).toEqual([]);
  });

  it('refuses a request without a file (400 naming the field)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--${BOUNDARY}--\r\n`,
      ),
    });
    expect(response.statusCode).toBe(400);
  });
});
