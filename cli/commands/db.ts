import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { MIGRATIONS_DIR, migrate, migrationStatus } from '../../server/db/migrate.ts';
import { withDatabase } from './with-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Fails when the schema and the committed migrations drift: drizzle-kit would generate a new one. */
export function checkMigrationDrift(): { drift: boolean; output: string } {
  const scratch = mkdtempSync(join(tmpdir(), 'tiendo-drift-'));
  try {
    cpSync(MIGRATIONS_DIR, scratch, { recursive: true });
    const before = readdirSync(scratch).length;
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--config', 'server/db/drizzle.config.ts'],
      { cwd: ROOT, env: { ...process.env, TIENDO_MIGRATIONS_OUT: scratch }, encoding: 'utf8' },
    );
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) throw new Error(`drizzle-kit generate failed:\n${output}`);
    return { drift: readdirSync(scratch).length !== before, output };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function registerDbCommand(program: Command) {
  const db = program.command('db').description('Cơ sở dữ liệu: migration và kiểm tra');
  db.command('migrate')
    .description('Áp dụng các migration còn thiếu')
    .action(async () => {
      await withDatabase(
        async (_services, database) => {
          const applied = await migrate(database);
          process.stdout.write(`Đã áp dụng ${applied} migration (${database.engine}).\n`);
        },
        { migrate: false },
      );
    });
  db.command('status')
    .description('Mức migration hiện tại')
    .action(async () => {
      await withDatabase(
        async (_services, database) => {
          const status = await migrationStatus(database);
          process.stdout.write(
            `CSDL ${database.engine}: đã áp dụng ${status.applied}/${status.available}, còn ${status.pending}; mức ${status.level ?? '(chưa có)'}\n`,
          );
        },
        { migrate: false },
      );
    });
  db.command('check')
    .description('Báo lỗi khi schema và migration đã commit lệch nhau')
    .action(() => {
      const { drift, output } = checkMigrationDrift();
      if (drift) {
        process.stderr.write(
          `Schema lệch với migration đã commit. Chạy "npm run db:generate" và commit tệp mới.\n${output}\n`,
        );
        process.exitCode = 1;
        return;
      }
      process.stdout.write('Schema khớp với migration đã commit.\n');
    });
}
