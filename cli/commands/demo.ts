import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { printDemoAccounts, removeEmbeddedDatabase } from '../../server/main.ts';
import { loadDemoWorkspace } from '../../server/seed/demo-workspace.ts';
import { progressBar } from './progress.ts';
import { withDatabase } from './with-database.ts';

export function registerDemoCommand(program: Command) {
  program
    .command('demo')
    .description('Nạp không gian làm việc mẫu (--reset: xóa CSDL nhúng rồi nạp lại)')
    .option('--reset', 'xóa dữ liệu nhúng hiện có trước khi nạp')
    .action(async (options: { reset?: boolean }) => {
      const config = loadConfig();
      if (options.reset) {
        if (config.databaseUrl)
          throw new Error('--reset chỉ dùng cho CSDL nhúng; với PostgreSQL hãy tạo CSDL mới');
        removeEmbeddedDatabase(config);
      }
      await withDatabase(async (services) => {
        if ((await services.settings.get('demo')) !== undefined) {
          process.stdout.write('Dữ liệu mẫu đã có sẵn (dùng --reset để nạp lại).\n');
          return;
        }
        const bar = progressBar('Nạp dữ liệu mẫu');
        const accounts = await loadDemoWorkspace(services, (done, total) => bar.update(done, total));
        bar.stop();
        printDemoAccounts(accounts, (l) => process.stdout.write(`${l}\n`));
      });
    });
}
