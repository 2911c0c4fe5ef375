import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The embedded sample (data/) is served as hashed assets; nothing is fetched from the internet.
export default defineConfig({
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500, sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
