import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';

const version = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version as string;

// The embedded sample (data/) is served as hashed assets; nothing is fetched from the internet.
/**
 * The built app's Content-Security-Policy: no inline script, no eval, workers and data from the
 * app itself, the OpenStreetMap background (off by default) as the only other host. Blob URLs carry
 * GeoJSON to the map's worker and downloads; inline styles are React's and maplibre's.
 */
export const CSP = [
  "default-src 'self'", "script-src 'self'", "worker-src 'self'", "child-src 'self'",
  "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob: https://tile.openstreetmap.org",
  "connect-src 'self' blob: data: https://tile.openstreetmap.org", "font-src 'self' data:",
  "object-src 'none'", "base-uri 'none'", "form-action 'none'",
].join('; ');

const csp: Plugin = {
  name: 'lifecircle-csp',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
};

export default defineConfig({
  plugins: [react(), csp],
  define: { __APP_VERSION__: JSON.stringify(version) },
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500, sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts'],
    testTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'out/test-results/unit.json' }]],
  },
});
