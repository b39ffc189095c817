// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'worker_threads',
  'url',
  'stream',
  'util',
  'zlib',
  'http',
  'https',
  'net',
];
const nodeImportBan = [
  ...nodeBuiltins.map((name) => ({
    name,
    message: 'The renderer and shared/ cannot use Node: go through the typed contract.',
  })),
  { name: 'electron', message: 'The renderer talks to the main process only through window.planwright.' },
  { name: 'better-sqlite3', message: 'SQL lives in db/ only.' },
  { name: 'kysely', message: 'SQL lives in db/ only.' },
];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'test-results', 'bench/results.json', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Type-aware rules: each file is checked with its own tsconfig (renderer/tsconfig.json for the window).
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Plain Node scripts (scripts/*.mjs, bin/*.mjs): TypeScript files get these from @types/node.
    files: ['**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    // The renderer's Vite config runs in Node at build time, not in the window.
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeImportBan,
          patterns: [
            { group: ['node:*'], message: 'No Node imports here: go through the typed contract.' },
            {
              group: ['**/db/**', '**/electron/**'],
              message: 'Layers: the renderer and shared/ do not import db/ or electron/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
