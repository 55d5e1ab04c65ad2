import type { Command } from 'commander';
import { ZRole } from '../../contracts/auth.ts';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { withDatabase } from './with-database.ts';

async function readSecret(prompt: string): Promise<string> {
  if (process.env.TIENDO_PASSWORD) return process.env.TIENDO_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('cần mật khẩu: đặt TIENDO_PASSWORD hoặc chạy trong terminal');
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

export function registerUsersCommand(program: Command) {
  const users = program.command('users').description('Tài khoản người dùng');
  users
    .command('add <username>')
    .description('Thêm người dùng (mật khẩu hỏi khi chạy, hoặc lấy từ TIENDO_PASSWORD)')
    .requiredOption('--role <role>', 'viewer | officer | manager | admin')
    .requiredOption('--unit <code>', 'mã đơn vị của người dùng')
    .option('--name <displayName>', 'tên hiển thị')
    .action(async (username: string, options: { role: string; unit: string; name?: string }) => {
      const role = ZRole.parse(options.role);
      const password = await readSecret('Mật khẩu: ');
      await withDatabase(async (services) => {
        const unit = await services.orgRepository.findUnitByCode(options.unit);
        if (!unit) throw new Error(`không có đơn vị mã ${options.unit}`);
        const user = await services.users.create(SYSTEM_ACTOR, {
          username,
          displayName: options.name ?? username,
          password,
          role,
          homeUnitId: unit.id,
        });
        process.stdout.write(`Đã thêm ${user.username} (${user.role}) thuộc ${user.homeUnitName}.\n`);
      });
    });
  users
    .command('list')
    .description('Liệt kê người dùng')
    .action(async () => {
      await withDatabase(async (services) => {
        for (const u of await services.users.list(SYSTEM_ACTOR)) {
          process.stdout.write(
            `${u.username.padEnd(16)} ${u.role.padEnd(8)} ${u.active ? '' : '(khóa) '}${u.homeUnitName}\n`,
          );
        }
      });
    });
}
