import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The server serves `web/dist`: build it once before the browser journeys (skip with E2E_SKIP_BUILD=1). */
export default function buildWeb(): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${repoRoot}web/dist/index.html`)) return;
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
}
