import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const h3Only = { name: 'h3-js', message: 'Call h3-js only through src/core/cells.ts (GeoJSON [lng, lat] order).' };
const notInCore = ['react', 'react-dom', 'maplibre-gl', 'comlink', 'fs', 'node:fs', 'path', 'node:path', 'node:crypto'];
const corePatterns = ['../io/*', '../map/*', '../ui/*', '../cli/*', '**/workers/*'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', '.e2e-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [h3Only] }],
    },
  },
  {
    // The analysis core is pure: no DOM, React, maplibre, comlink, fetch, fs or worker globals.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', { paths: [...notInCore, h3Only], patterns: corePatterns }],
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'fetch', 'postMessage', 'navigator', 'localStorage', 'process'],
    },
  },
  {
    files: ['src/core/cells.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: notInCore, patterns: corePatterns }] },
  },
  {
    files: ['src/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
