import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('Chạy máy chủ web và API (mặc định cổng 3000; PORT hoặc --port để đổi)')
    .option('-p, --port <port>', 'cổng nghe')
    .action(async (options: { port?: string }) => {
      const config = loadConfig({ ...process.env, ...(options.port ? { PORT: options.port } : {}) });
      const server = await startServer(config);
      const stop = (signal: string) => {
        process.stdout.write(`Nhận ${signal}, đang dừng máy chủ…\n`);
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
