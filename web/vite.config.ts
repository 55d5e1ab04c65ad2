import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { offlinePlugin } from './src/offline/build-plugin.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  // offlinePlugin: manifest.webmanifest and the service worker sw.js (issue 21).
  plugins: [react(), offlinePlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or eval: the server's CSP allows `script-src 'self'` only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 900,
    // dist/.vite/manifest.json: the module graph `npm run bench -- web` follows for route sizes.
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
