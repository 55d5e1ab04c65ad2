import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Vitest puts NODE_ENV=test, MODE=test, DEV=1 and PROD into process.env; a vite build run as a
 * child with them inherits a development React and antd (jsx-dev-runtime, dev-only class names).
 */
function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST', 'VITEST', 'BASE_URL'].includes(key))
      env[key] = value;
  }
  return { ...env, NODE_ENV: 'production' };
}

/** The server serves `web/dist`: build it once before the browser journeys (skip with E2E_SKIP_BUILD=1). */
export default function buildWeb(): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${repoRoot}web/dist/index.html`)) return;
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'web/vite.config.ts',
      '--mode',
      'production',
      '--logLevel',
      'warn',
    ],
    { cwd: repoRoot, env: productionEnv(), stdio: 'inherit' },
  );
}
