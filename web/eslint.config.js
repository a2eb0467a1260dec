import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

// The dashboard's lint rules: the recommended sets of ESLint and typescript-eslint, and the two classic rules of the
// React hooks plugin (hooks called conditionally, effects and memos with wrong dependencies). The plugin's React
// Compiler rules stay off: the dashboard does not use the compiler, and they reject its deliberate idioms (a ref that
// holds the latest callback, a clock read while rendering). Formatting is Prettier's job, not the linter's.
export default defineConfig(
  { ignores: ['target/', 'node_modules/', 'src/api/openapi.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['e2e/**/*.{ts,mjs}', 'scripts/**/*.mjs', '*.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // hands functions to the browser it drives (page.waitForFunction), which run there, with the DOM
    files: ['scripts/first-load-bench.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      // `const { dropped: _, ...rest } = value` is how the code leaves a key out of a copy
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
);
