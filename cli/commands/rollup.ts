import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { progressBar } from './progress.ts';
import { withDatabase } from './with-database.ts';

export function registerRollupCommand(program: Command) {
  const rollup = program.command('rollup').description('Số liệu tổng hợp (roll-up) theo kỳ báo cáo');
  rollup
    .command('rebuild')
    .description(
      'Tính lại số liệu tổng hợp từ đầu: một kỳ (--period) hoặc mọi kỳ, theo cơ cấu tổ chức tại cuối kỳ',
    )
    .option('--period <id>', 'mã kỳ báo cáo', (value) => {
      const id = Number(value);
      if (!Number.isInteger(id) || id <= 0) throw new Error(`--period: không phải mã kỳ: ${value}`);
      return id;
    })
    .option('--queued', 'chỉ các kỳ đang chờ tính lại sau thay đổi tổ chức')
    .action(async (options: { period?: number; queued?: boolean }) => {
      await withDatabase(async (services) => {
        if (options.queued) {
          const done = await services.rollup.runQueued((line) => process.stderr.write(`${line}\n`));
          process.stdout.write(
            `Đã tính lại ${done.length} kỳ đang chờ${done.length > 0 ? `: ${done.join(', ')}` : ''}.\n`,
          );
          return;
        }
        const bar = progressBar('Tính lại');
        const results = await services.rollup.rebuildMany(
          SYSTEM_ACTOR,
          options.period === undefined ? null : [options.period],
          (done, total) => {
            bar.update(done, total);
            // Without a terminal (logs, CI): one line per period, so progress is visible there too.
            if (!process.stderr.isTTY) process.stderr.write(`Tính lại: ${done}/${total} kỳ\n`);
          },
        );
        bar.stop();
        const rows = results.reduce((sum, r) => sum + r.rows, 0);
        const ms = results.reduce((sum, r) => sum + r.ms, 0);
        process.stdout.write(`Đã tính lại ${results.length} kỳ: ${rows} dòng tổng hợp trong ${ms} ms.\n`);
      });
    });
}
