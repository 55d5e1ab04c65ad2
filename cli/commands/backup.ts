import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../../server/db/backup.ts';
import { withDatabase } from './with-database.ts';

export function registerBackupCommands(program: Command) {
  program
    .command('backup <file>')
    .description(
      'Sao lưu toàn bộ dữ liệu (PGlite hoặc PostgreSQL) ra một tệp; in số dòng và mã kiểm tra từng bảng',
    )
    .action(async (file: string) => {
      await withDatabase(async (_services, database) => {
        const tables = await backupDatabase(database, file);
        const rows = tables.reduce((n, t) => n + t.rows, 0);
        process.stdout.write(`Đã sao lưu ${tables.length} bảng, ${rows} dòng vào ${file}\n`);
      });
    });
  program
    .command('restore <file>')
    .description('Khôi phục từ tệp sao lưu vào một CSDL trống (kiểm tra số dòng và mã kiểm tra từng bảng)')
    .action(async (file: string) => {
      await withDatabase(
        async (_services, database) => {
          const tables = await restoreDatabase(database, file, (table) =>
            process.stderr.write(`  ${table}\n`),
          );
          process.stdout.write(`Đã khôi phục ${tables.length} bảng; mọi bảng khớp số dòng và mã kiểm tra.\n`);
        },
        { migrate: false },
      );
    });
}
