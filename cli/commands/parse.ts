import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { TExtractedDocument, TMilestone, TPlanExtract } from '../../contracts/plan-extract.ts';
import { parsePlanFile } from '../../documents/parse/parse-plan-document.ts';

const FREQUENCY: Record<string, string> = {
  annual: 'hằng năm',
  semiannual: '6 tháng',
  quarterly: 'hằng quý',
  monthly: 'hằng tháng',
  periodic: 'định kỳ',
  on_request: 'khi có yêu cầu',
  once: 'một lần',
};

function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function formatMilestone(m: TMilestone): string {
  const when = m.year !== null ? `năm ${m.year}` : m.recurrence === 'annual' ? 'hằng năm' : 'không rõ năm';
  const unit = m.unit === '%' ? '%' : ` ${m.unit ?? ''}`;
  return `${when}: ${m.op} ${m.value}${unit}`.trimEnd();
}

/** Readable Vietnamese summary of one document. */
export function summarizeDocument(doc: TExtractedDocument, index: number, total: number): string {
  const out: string[] = [];
  if (total > 1) out.push(`── Văn bản ${index + 1}/${total} ──`);
  out.push(`Loại: ${doc.kind ?? '—'}`);
  out.push(`Số/ký hiệu: ${doc.symbol ?? '—'}`);
  out.push(`Cơ quan ban hành: ${doc.issuer ?? '—'}`);
  out.push(`Địa danh, ngày: ${doc.place ?? '—'}, ${formatDate(doc.date)}`);
  out.push(`Trích yếu: ${doc.title ?? '—'}`);
  if (doc.addressees.length > 0) out.push(`Kính gửi: ${doc.addressees.join('; ')}`);
  if (doc.references.length > 0) {
    out.push('Văn bản liên quan:');
    for (const r of doc.references) {
      const rel = r.relation === 'basis' ? 'căn cứ' : 'dẫn chiếu';
      out.push(
        `  - ${r.symbol}${r.date ? ` ngày ${formatDate(r.date)}` : ''}${r.issuer ? ` của ${r.issuer}` : ''} (${rel})`,
      );
    }
  }
  if (doc.targets.length > 0) {
    out.push('Chỉ tiêu:');
    for (const t of doc.targets) out.push(`  - ${t.text} — ${t.milestones.map(formatMilestone).join('; ')}`);
  }
  if (doc.tasks.length > 0) {
    out.push('Nhiệm vụ:');
    doc.tasks.forEach((t, k) => {
      const extra = [
        t.deadline ? `hạn ${formatDate(t.deadline)}` : null,
        t.lead ? `chủ trì: ${t.lead}` : null,
      ].filter(Boolean);
      out.push(`  ${k + 1}. ${t.text}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`);
    });
  }
  if (doc.assignments.length > 0) {
    out.push('Phân công:');
    for (const a of doc.assignments) out.push(`  - ${a.unit}`);
  }
  if (doc.reporting.length > 0) {
    out.push('Báo cáo:');
    for (const r of doc.reporting) {
      out.push(
        `  - ${FREQUENCY[r.frequency] ?? r.frequency}${r.due ? `, hạn ${r.due}` : ''}${r.to ? `, gửi ${r.to}` : ''}`,
      );
    }
  }
  if (doc.events.length > 0) {
    out.push('Sự kiện:');
    for (const e of doc.events) out.push(`  - ${e.name} (${e.start ?? '?'} → ${e.end ?? '?'})`);
  }
  if (doc.signer) {
    const s = doc.signer;
    out.push(
      `Người ký: ${[s.authority, s.on_behalf_of].filter(Boolean).join(' ')}${s.title ? ` / ${s.title}` : ''}${s.name ? ` — ${s.name}` : ''}`,
    );
  }
  if (doc.recipients.length > 0) out.push(`Nơi nhận: ${doc.recipients.join('; ')}`);
  return out.join('\n');
}

export function summarizeExtract(extract: TPlanExtract): string {
  if (extract.documents.length === 0) return `${extract.source}: không tìm thấy văn bản nào.`;
  return extract.documents.map((d, k) => summarizeDocument(d, k, extract.documents.length)).join('\n\n');
}

/** `tiendo parse FILE [--json]`: reads an administrative document into plan-extract/v1. */
export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('Đọc một văn bản (TXT, DOCX, PDF, bản quét) thành plan-extract/v1')
    .argument('<file>', 'tệp văn bản')
    .option('--json', 'in JSON plan-extract/v1 ra stdout')
    .action(async (file: string, options: { json?: boolean }) => {
      let bar: SingleBar | null = null;
      const onProgress = process.stderr.isTTY
        ? (done: number, total: number): void => {
            if (!bar) {
              bar = new SingleBar({
                format: 'OCR {bar} {value}/{total} trang',
                stream: process.stderr,
                hideCursor: true,
              });
              bar.start(total, done);
            } else bar.update(done);
          }
        : undefined;
      let extract: TPlanExtract;
      try {
        extract = await parsePlanFile(file, onProgress ? { onProgress } : {});
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`tiendo parse: ${message.split('\n')[0]}\n`);
        process.exitCode = 2;
        return;
      } finally {
        (bar as SingleBar | null)?.stop();
      }
      process.stdout.write(
        options.json ? `${JSON.stringify(extract, null, 2)}\n` : `${summarizeExtract(extract)}\n`,
      );
    });
}
