import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { withDatabase } from './with-database.ts';

const positiveId = (flag: string) => (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new Error(`${flag}: không phải mã số: ${value}`);
  return id;
};

/** `tiendo exchange export|import`: DHIS2's ADX and dataValueSets JSON (docs/dhis2-exchange.md). */
export function registerExchangeCommand(program: Command) {
  const exchange = program
    .command('exchange')
    .description('Trao đổi số liệu với DHIS2: ADX (IHE) và dataValueSets JSON');
  exchange
    .command('export')
    .description('Xuất số liệu đã duyệt của một kỳ, cho một đơn vị và các đơn vị trực thuộc')
    .requiredOption('--period <id>', 'mã kỳ báo cáo', positiveId('--period'))
    .requiredOption('--unit <id>', 'mã đơn vị gốc của nhánh xuất', positiveId('--unit'))
    .option('--format <format>', 'adx hoặc json', 'adx')
    .option('--out <file>', 'tệp ghi ra (mặc định: tên tệp đề xuất)')
    .action(async (options: { period: number; unit: number; format: string; out?: string }) => {
      if (options.format !== 'adx' && options.format !== 'json')
        throw new Error(`--format: adx hoặc json, không phải ${options.format}`);
      const format = options.format;
      await withDatabase(async (services) => {
        const file = await services.exchange.export(SYSTEM_ACTOR, options.period, options.unit, format);
        const path = options.out ?? file.fileName;
        await writeFile(path, file.data);
        process.stdout.write(`Đã ghi ${path} (${file.data.length} byte).\n`);
      });
    });
  exchange
    .command('import')
    .description('Nhập tệp dataValueSets JSON hoặc ADX vào báo cáo nháp của một kỳ (tất cả hoặc không)')
    .argument('<file>', 'tệp .json hoặc .xml')
    .requiredOption('--period <id>', 'mã kỳ báo cáo nhận số liệu', positiveId('--period'))
    .option('--commit', 'ghi khi không có lỗi (mặc định chỉ kiểm tra)')
    .action(async (path: string, options: { period: number; commit?: boolean }) => {
      await withDatabase(async (services) => {
        const result = await services.exchange.import(
          SYSTEM_ACTOR,
          options.period,
          await readFile(path),
          options.commit === true,
        );
        for (const error of result.errors) process.stderr.write(`${error.message}\n`);
        process.stdout.write(
          result.applied
            ? `Đã nhập ${result.values} giá trị vào ${result.reports} báo cáo nháp (${result.format}).\n`
            : result.errors.length > 0
              ? `Có ${result.errors.length} lỗi; chưa ghi gì.\n`
              : `Hợp lệ: ${result.values} giá trị cho ${result.reports} báo cáo; thêm --commit để ghi.\n`,
        );
        if (result.errors.length > 0) process.exitCode = 1;
      });
    });
}
