import { randomUUID } from 'node:crypto';
import { constants, copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A stored file as a sweep sees it. */
export interface StoredFile {
  key: string;
  size: number;
  modifiedAt: Date;
}

/** Where uploaded files live. One interface: a disk today, an object store later. */
export interface FileStorage {
  /** Stores bytes under a new key and returns the key. */
  put(data: Buffer): Promise<string>;
  /** Stores a copy of the file at `path` (an upload received on disk) under a new key. */
  putFile(path: string): Promise<string>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  /** Every stored file last written before `before` (for the orphan sweep). */
  listOlderThan(before: Date): AsyncIterable<StoredFile>;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** Files on disk under `root`, named by random keys (never by the uploaded name). */
export class DiskFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('invalid storage key');
    return join(this.root, key);
  }

  async put(data: Buffer): Promise<string> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    await mkdir(join(this.root, id.slice(0, 2)), { recursive: true });
    await writeFile(this.pathOf(key), data, { flag: 'wx' });
    return key;
  }

  async putFile(path: string): Promise<string> {
    const key = await this.newKey();
    await copyFile(path, this.pathOf(key), constants.COPYFILE_EXCL);
    return key;
  }

  private async newKey(): Promise<string> {
    const id = randomUUID();
    await mkdir(join(this.root, id.slice(0, 2)), { recursive: true });
    return `${id.slice(0, 2)}/${id}`;
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *listOlderThan(before: Date): AsyncIterable<StoredFile> {
    const prefixes = await readdir(this.root).catch(() => [] as string[]);
    for (const prefix of prefixes.filter((p) => /^[0-9a-f]{2}$/.test(p)).sort()) {
      const names = await readdir(join(this.root, prefix)).catch(() => [] as string[]);
      for (const name of names.sort()) {
        const key = `${prefix}/${name}`;
        // anything else in the folder (an editor's backup, a half-written temp) is not ours to judge
        if (!KEY.test(key)) continue;
        const info = await stat(join(this.root, key)).catch(() => null);
        if (info?.isFile() && info.mtime < before) yield { key, size: info.size, modifiedAt: info.mtime };
      }
    }
  }
}
