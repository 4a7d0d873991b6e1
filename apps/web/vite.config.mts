import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

/**
 * The console is built into apps/web/dist, which the API serves at `/` (one origin, `/api` stays
 * the API). `npm run dev:web` serves it with hot reload and proxies `/api` to a running API.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      // Browser-safe part of the playbook language: the run form applies the server's input rules.
      '@soar/playbook/browser': path.join(repo, 'libs/playbook/src/browser.ts'),
    },
  },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // The plugin-timing report is noise in npm start's output.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: { '/api': { target: process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`, changeOrigin: false } },
  },
});
