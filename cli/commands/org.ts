import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadProvinceReference } from '../../server/seed/reference-provinces.ts';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { storedCycleLines } from '../../server/services/org.service.ts';
import { withDatabase } from './with-database.ts';

export function registerOrgCommand(program: Command) {
  const org = program.command('org').description('Cơ cấu tổ chức: nhập, xuất, dữ liệu tham chiếu');
  org
    .command('import <file>')
    .description(
      'Nhập đơn vị từ CSV hoặc XLSX (code,name,type,parent_code,valid_from,valid_to); lỗi một dòng thì không lưu gì',
    )
    .action(async (file: string) => {
      const data = await readFile(file);
      await withDatabase(async (services) => {
        const result = await services.orgExchange.import(SYSTEM_ACTOR, data);
        if (result.errors.length > 0) {
          for (const e of result.errors)
            process.stderr.write(`dòng ${e.row}, cột ${e.field}: ${e.message}\n`);
          process.stderr.write(`Có ${result.errors.length} lỗi; chưa lưu dòng nào.\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          `Đã nhập: ${result.created} mới, ${result.updated} cập nhật, ${result.unchanged} không đổi.\n`,
        );
      });
    });
  org
    .command('export')
    .description('Xuất cơ cấu tổ chức ra CSV (mặc định, ra màn hình) hoặc XLSX')
    .option('--format <format>', 'csv | xlsx', 'csv')
    .option('--date <date>', 'cơ cấu tại ngày YYYY-MM-DD (mặc định: toàn bộ lịch sử)')
    .option('-o, --out <file>', 'ghi ra tệp')
    .action(async (options: { format: string; date?: string; out?: string }) => {
      if (options.format !== 'csv' && options.format !== 'xlsx')
        throw new Error('--format phải là csv hoặc xlsx');
      const format = options.format;
      await withDatabase(async (services) => {
        const file = await services.orgExchange.export(SYSTEM_ACTOR, format, options.date ?? null);
        if (options.out) await writeFile(options.out, file.data);
        else if (format === 'xlsx') throw new Error('XLSX cần --out FILE');
        else process.stdout.write(file.data);
      });
    });
  org
    .command('check')
    .description(
      'Tìm vòng lặp trong cơ cấu (đơn vị trực thuộc chính nó, lưu trước khi bị chặn); có thì thoát với mã 1',
    )
    .option('--limit <n>', 'số vòng lặp liệt kê tối đa', '100')
    .action(async (options: { limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit phải là số nguyên dương');
      await withDatabase(async (services) => {
        const cycles = await services.org.storedCycles(SYSTEM_ACTOR, limit);
        if (cycles.length === 0) {
          process.stdout.write('Cơ cấu tổ chức không có vòng lặp.\n');
          return;
        }
        for (const line of storedCycleLines(cycles)) process.stdout.write(`${line}\n`);
        process.exitCode = 1;
      });
    });
  org
    .command('reference')
    .description('Nạp 63 LĐLĐ tỉnh và sáp nhập 2025 theo Nghị quyết 202/2025/QH15 (34 tỉnh từ 01/07/2025)')
    .action(async () => {
      await withDatabase(async (services) => {
        const { created } = await services.database.transaction(() =>
          loadProvinceReference(services.orgChange, services.orgRepository, SYSTEM_ACTOR),
        );
        process.stdout.write(`Đã tạo ${created} đơn vị (dữ liệu: resources/reference/provinces-2025.csv).\n`);
      });
    });
}
