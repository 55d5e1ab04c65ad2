import { zipWithinLimits } from '../../documents/archive/zip-guard.ts';
import { safeFileName, sniffAttachment } from '../../domain/reporting/sniff-file.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { FileStorage } from '../storage/file-storage.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

const OFFICE_NAMES = /\.(docx|xlsx|pptx)$/i;

/** Photos, videos and documents attached to reports: type by content, size capped, on disk. */
export class ReportAttachmentService {
  constructor(
    private readonly database: Database,
    private readonly reporting: ReportingRepository,
    private readonly storage: FileStorage,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly maxBytes: number,
  ) {}

  async upload(actor: Actor, reportId: number, fileName: string, data: Buffer) {
    this.access.assertRole(actor, 'officer');
    const report = await this.reporting.report(reportId);
    if (!report) throw notFound('report');
    await this.access.assertUnitAccess(actor, report.unitId);
    if (report.status !== 'draft' && report.status !== 'returned') {
      throw new AppError(
        409,
        'validation',
        { field: 'status', detail: 'báo cáo đã gửi hoặc đã duyệt' },
        'status',
      );
    }
    if (data.length > this.maxBytes) throw new AppError(413, 'payload_too_large', {}, 'file');
    const kind = sniffAttachment(data);
    const name = safeFileName(fileName);
    const office =
      kind === 'application/zip-office' && OFFICE_NAMES.test(name) && (await zipWithinLimits(data));
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
        ? name.toLowerCase().endsWith('.docx')
          ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
          : name.toLowerCase().endsWith('.xlsx')
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
        : kind;
    const storageKey = await this.storage.put(data);
    try {
      return await this.database.transaction(async () => {
        const row = await this.reporting.insertAttachment({
          reportId,
          fileName: name,
          contentType,
          size: data.length,
          storageKey,
          createdBy: actor.userId,
        });
        await this.audit.record(actor, 'report.attach', 'report', reportId, null, {
          attachmentId: row.id,
          fileName: name,
          size: data.length,
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
    await this.access.assertUnitAccess(actor, report.unitId);
    const row = await this.reporting.attachment(attachmentId);
    if (!row || row.reportId !== reportId) throw notFound('attachment');
    return {
      data: await this.storage.get(row.storageKey),
      fileName: row.fileName,
      contentType: row.contentType,
    };
  }
}
