import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify, type Plugin, transformWithOxc } from 'vite';
import { appTheme, PRIMARY_COLOR } from '../theme.ts';

/**
 * Run by `web/vite.config.ts` at build time (never bundled into the app): writes
 * `manifest.webmanifest` (the installable app: Vietnamese name, the theme's colours, the icons in
 * `web/public/icons/`) and `sw.js` (`service-worker.ts` with the list of files to keep for
 * offline use written in front of it).
 */

const SW_SOURCE = fileURLToPath(new URL('./service-worker.ts', import.meta.url));
const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));

/**
 * The modules an officer needs with no connection: the shell, sign-in, the reports due, the report
 * page (and the dialogs it opens: errors before sending, the conflict view), and the offline
 * views. Each is kept with everything it imports, statically or lazily — but not the other pages
 * the app's routes load lazily (they are kept the first time they are opened).
 */
const OFFLINE_MODULES = [
  /src\/main\.tsx$/,
  /src\/components\/app-shell\.tsx$/,
  /src\/features\/auth\/login-page\.tsx$/,
  /src\/features\/reports\/(report-page|my-reports-page)\.tsx$/,
  /src\/features\/home\/home-page\.tsx$/,
  /src\/offline\/[^/]+\.tsx?$/,
];
/** Never kept ahead of use: the plan documents' PDF reader, the dashboards' charts, spreadsheets. */
const NEVER_AHEAD = /pdf|echarts|exceljs|docx/i;

export function webManifest() {
  return {
    id: '/',
    name: 'Tiến Độ — kế hoạch và báo cáo công đoàn',
    short_name: 'Tiến Độ',
    description: 'Kế hoạch, chỉ tiêu và báo cáo của tổ chức công đoàn; nhập và gửi báo cáo cả khi mất mạng.',
    lang: 'vi',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: PRIMARY_COLOR,
    background_color: appTheme.token?.colorBgLayout ?? '#ffffff',
    categories: ['productivity', 'business'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}

function publicFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return publicFiles(path);
    return [`/${relative(PUBLIC_DIR, path).split('\\').join('/')}`];
  });
}

interface BundleEntry {
  type: 'chunk' | 'asset';
  fileName: string;
  facadeModuleId?: string | null;
  imports?: string[];
  dynamicImports?: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

/** The files of the offline modules and of everything they import (CSS and fonts included). */
export function offlineFiles(bundle: Record<string, BundleEntry>): string[] {
  const keep = new Set<string>();
  const visit = (fileName: string) => {
    const entry = bundle[fileName];
    if (!entry || keep.has(fileName) || NEVER_AHEAD.test(fileName)) return;
    // Fonts: the browser takes woff2 and the Vietnamese and Latin subsets (added below).
    if (/\.(woff2?|ttf)$/.test(fileName)) return;
    keep.add(fileName);
    if (entry.type !== 'chunk') return;
    for (const file of entry.viteMetadata?.importedCss ?? []) visit(file);
    for (const file of entry.viteMetadata?.importedAssets ?? []) visit(file);
    for (const file of entry.imports ?? []) visit(file);
    // What a kept module loads lazily (a dialog, the toasts' host), except other pages of the app.
    for (const file of entry.dynamicImports ?? []) {
      const id = bundle[file]?.facadeModuleId ?? '';
      if (!/-page\.tsx$/.test(id) || OFFLINE_MODULES.some((pattern) => pattern.test(id))) visit(file);
    }
  };
  for (const entry of Object.values(bundle)) {
    const id = entry.facadeModuleId ?? '';
    if (entry.type === 'chunk' && OFFLINE_MODULES.some((pattern) => pattern.test(id))) visit(entry.fileName);
  }
  // Fonts are referenced from CSS, not imported: the Vietnamese and Latin subsets are kept.
  for (const entry of Object.values(bundle)) {
    if (/be-vietnam-pro-(vietnamese|latin)-[0-9]+-normal.*\.woff2$/.test(entry.fileName))
      keep.add(entry.fileName);
  }
  return [...keep].filter((file) => !file.endsWith('.map')).map((file) => `/${file}`);
}

export function offlinePlugin(): Plugin {
  return {
    name: 'tiendo-offline',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.webmanifest',
        source: `${JSON.stringify(webManifest(), null, 2)}\n`,
      });
    },
    // After the bundle is written: the files as they are on disk (CSS-only chunks already gone).
    async writeBundle(options, bundle) {
      const outDir = options.dir;
      if (!outDir) throw new Error('tiendo-offline: the build has no output directory');
      const files = offlineFiles(bundle as unknown as Record<string, BundleEntry>);
      const precache = [
        ...new Set(['/index.html', '/manifest.webmanifest', ...publicFiles(PUBLIC_DIR), ...files]),
      ].sort();
      const build = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      // The list lives in a file of its own, named by its hash: the browser fetches `sw.js` again at
      // every visit to see whether it changed (a byte compare), the list only when it has.
      const listFile = `sw-precache-${build}.json`;
      writeFileSync(join(outDir, listFile), JSON.stringify(precache));
      const compiled = await transformWithOxc(readFileSync(SW_SOURCE, 'utf8'), SW_SOURCE, { lang: 'ts' });
      const body = compiled.code.replace(/^export \{\};\s*$/m, '');
      const source = `const __PRECACHE_URL__ = ${JSON.stringify(`/${listFile}`)};\nconst __BUILD__ = ${JSON.stringify(build)};\n${body}`;
      const minified = await minify('sw.js', source, {});
      if (minified.errors.length > 0) throw new Error(`tiendo-offline: sw.js: ${String(minified.errors[0])}`);
      writeFileSync(join(outDir, 'sw.js'), minified.code);
    },
  };
}
