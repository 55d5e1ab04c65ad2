import { open } from 'node:fs/promises';
import { zipWithinLimits } from '../../documents/archive/zip-guard.ts';
import { isEditable, stateRefusalNoun } from '../../domain/reporting/report-states.ts';
import { safeFileName, sniffAttachment, storedFileName } from '../../domain/reporting/sniff-file.ts';
import { type AttachmentQuotas, DEFAULT_ATTACHMENT_QUOTAS } from '../config.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { AttachmentRepository } from '../repositories/attachment.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { FileStorage } from '../storage/file-storage.ts';
import type { AccessService } from './access.service.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import type { AuditService } from './audit.service.ts';

const OFFICE_NAMES = /\.(docx|xlsx|pptx)$/i;
const OFFICE_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const HOUR_SECONDS = 3_600;
const MB = 1024 * 1024;

const megabytes = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** The multipart reader's refusal of a file over its size limit. */
function isTooLarge(error: unknown): boolean {
  const e = error as { code?: string; statusCode?: number } | null;
  return e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.statusCode === 413;
}

/** A file to attach: its bytes, or an upload received on disk (`server/http/upload.ts`). */
export type AttachmentSource = Buffer | { path: string; size: number };

/** The first bytes of a file on disk (enough for `sniffAttachment`). */
async function headOf(path: string, bytes = 64): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Photos, videos and documents attached to reports: type by content, quotas, on disk, orphans swept. */
export class ReportAttachmentService {
  constructor(
    private readonly database: Database,
    private readonly reporting: ReportingRepository,
    private readonly attachments: AttachmentRepository,
    private readonly storage: FileStorage,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly quotas: AttachmentQuotas = DEFAULT_ATTACHMENT_QUOTAS,
  ) {}

  /**
   * Stores one file on a report that still takes input. The counts are checked before the bytes
   * are read (a refused upload costs nothing) and again under the user's and the report's locks
   * with the real size, so parallel uploads cannot slip past a quota together. `read` gives the
   * file (the multipart stream received on disk, refused past the size limit, never cut); only
   * its first bytes are read to tell its type, and an Office file's ZIP guard reads it in pieces.
   */
  async upload(
    actor: Actor,
    reportId: number,
    fileName: string,
    read: AttachmentSource | (() => Promise<AttachmentSource>),
  ) {
    this.access.assertRole(actor, 'officer');
    const report = await this.reporting.report(reportId);
    if (!report) throw notFound('report');
    await this.access.assertKnownTo(actor, 'report', report.unitId);
    this.assertEditable(report.status);
    await this.assertQuotas(actor, reportId, 0);
    let data: AttachmentSource;
    try {
      data = typeof read === 'function' ? await read() : read;
    } catch (error) {
      if (isTooLarge(error)) throw this.tooLarge();
      throw error;
    }
    const size = Buffer.isBuffer(data) ? data.length : data.size;
    if (size > this.quotas.maxFileBytes) throw this.tooLarge();
    const kind = sniffAttachment(Buffer.isBuffer(data) ? data : await headOf(data.path));
    const office =
      kind === 'application/zip-office' &&
      OFFICE_NAMES.test(safeFileName(fileName)) &&
      (await zipWithinLimits(Buffer.isBuffer(data) ? data : data.path));
    if (kind === null || (kind === 'application/zip-office' && !office)) {
      throw new AppError(
        415,
        'unsupported_file',
        { expected: 'ảnh (JPEG, PNG, GIF, WebP), video (MP4, MOV), PDF, DOCX, XLSX' },
        'file',
      );
    }
    const contentType =
      kind === 'application/zip-office'
        ? OFFICE_TYPES[OFFICE_NAMES.exec(safeFileName(fileName))![1]!.toLowerCase()]!
        : kind;
    const name = storedFileName(fileName, contentType);
    await this.assertQuotas(actor, reportId, size);
    const storageKey = Buffer.isBuffer(data)
      ? await this.storage.put(data)
      : await this.storage.putFile(data.path);
    try {
      return await this.database.transaction(async () => {
        const status = await this.attachments.lockForUpload(reportId, actor.userId);
        if (status === null) throw notFound('report');
        this.assertEditable(status);
        await this.assertQuotas(actor, reportId, size);
        const row = await this.reporting.insertAttachment({
          reportId,
          fileName: name,
          contentType,
          size,
          storageKey,
          createdBy: actor.userId,
        });
        await this.audit.record(actor, 'report.attach', 'report', reportId, null, {
          attachmentId: row.id,
          fileName: name,
          size,
          contentType,
        });
        return { id: row.id, fileName: row.fileName, contentType: row.contentType, size: row.size };
      });
    } catch (error) {
      await this.storage.delete(storageKey);
      throw error;
    }
  }

  async download(actor: Actor, reportId: number, attachmentId: number) {
    const report = await this.reporting.report(reportId);
    if (!report) throw notFound('report');
    await this.access.assertKnownTo(actor, 'report', report.unitId);
    const row = await this.reporting.attachment(attachmentId);
    if (!row || row.reportId !== reportId) throw notFound('attachment');
    return {
      data: await this.storage.get(row.storageKey),
      // names stored before their extension was matched to their type are matched on the way out
      fileName: storedFileName(row.fileName, row.contentType),
      contentType: row.contentType,
    };
  }

  /**
   * Removes files on disk that no row names and that are older than the grace period (a kill
   * between writing a file and committing its row leaves one); each removal is audited.
   */
  async sweepOrphans(now: Date = new Date()): Promise<{ checked: number; removed: number; bytes: number }> {
    const before = new Date(now.getTime() - this.quotas.orphanGraceMs);
    let checked = 0;
    let removed = 0;
    let bytes = 0;
    let batch: { key: string; size: number; modifiedAt: Date }[] = [];
    const settle = async () => {
      const kept = await this.attachments.referencedKeys(batch.map((f) => f.key));
      for (const file of batch.filter((f) => !kept.has(f.key))) {
        await this.storage.delete(file.key);
        await this.audit.record(SYSTEM_ACTOR, 'file.orphan_removed', 'file', file.key, null, {
          size: file.size,
          modifiedAt: file.modifiedAt.toISOString(),
        });
        removed++;
        bytes += file.size;
      }
      checked += batch.length;
      batch = [];
    };
    for await (const file of this.storage.listOlderThan(before)) {
      batch.push(file);
      if (batch.length >= 500) await settle();
    }
    await settle();
    return { checked, removed, bytes };
  }

  /** Sweeps orphan files now and then every `everyMs`; returns the stop function. */
  startSweeping(log: (line: string) => void, everyMs = 3_600_000): () => void {
    const sweep = async () => {
      try {
        const result = await this.sweepOrphans();
        if (result.removed > 0) {
          log(
            `Đã xóa ${result.removed} tệp mồ côi (${megabytes(result.bytes)} MB, không bản ghi nào trỏ tới) trong ${result.checked} tệp cũ hơn thời gian chờ.`,
          );
        }
      } catch (error) {
        log(`Dọn tệp mồ côi thất bại: ${(error as Error).message}`);
      }
    };
    void sweep();
    const timer = setInterval(() => void sweep(), everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private assertEditable(status: string): void {
    if (!isEditable(status)) {
      throw new AppError(
        409,
        'validation',
        { field: 'status', detail: nounRef(stateRefusalNoun(status)) },
        'status',
      );
    }
  }

  private tooLarge(): AppError {
    return new AppError(413, 'attachment_too_large', { limit: megabytes(this.quotas.maxFileBytes) }, 'file');
  }

  /** The report's and the user's quotas, with `size` more bytes about to be stored. */
  private async assertQuotas(actor: Actor, reportId: number, size: number): Promise<void> {
    const q = this.quotas;
    const usage = await this.attachments.reportUsage(reportId);
    if (usage.count >= q.maxPerReport) {
      throw new AppError(
        409,
        'attachment_count_limit',
        { count: usage.count, limit: q.maxPerReport },
        'file',
      );
    }
    if (usage.bytes + size > q.maxReportBytes) {
      throw new AppError(
        409,
        'attachment_total_limit',
        { used: megabytes(usage.bytes), limit: megabytes(q.maxReportBytes) },
        'file',
      );
    }
    if (actor.userId === null) return;
    const recent = await this.attachments.userUploads(actor.userId, HOUR_SECONDS);
    if (recent.count >= q.userFilesPerHour || recent.bytes + size > q.userBytesPerHour) {
      throw new AppError(
        429,
        'upload_rate_limit',
        {
          count: recent.count,
          mb: megabytes(recent.bytes),
          limit: q.userFilesPerHour,
          limitMb: megabytes(q.userBytesPerHour),
          seconds: recent.oldestLeavesInSeconds,
        },
        'file',
        { retryAfter: recent.oldestLeavesInSeconds },
      );
    }
  }
}
