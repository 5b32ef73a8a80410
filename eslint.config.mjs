import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

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
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
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
              message:
                'Workflow code is deterministic: import only pure code from @domain and activity types.',
            },
            { group: ['@activities/*'], allowTypeImports: true, message: 'Import activities as types only.' },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure rules over plain data: workflow code, the API, the worker and the browser all import it.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@db/*',
                '@config/*',
                '@activities/*',
                '@workflows/*',
                '@temporal-lib/*',
                '@temporalio/*',
                '@nestjs/*',
                'typeorm',
                'pg',
                'luxon',
                'react',
                'fs',
                'node:*',
              ],
              message: 'libs/domain holds pure rules: no I/O, no framework, no clock or time-zone library.',
            },
          ],
        },
      ],
    },
  },
);
