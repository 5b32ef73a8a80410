/** Three layers, one command: `npm test` runs them all (see README). */
const moduleNameMapper = {
  '^@domain/(.*)$': '<rootDir>/libs/domain/$1',
  '^@contracts/(.*)$': '<rootDir>/libs/contracts/$1',
  '^@db/(.*)$': '<rootDir>/libs/db/$1',
  '^@config/(.*)$': '<rootDir>/libs/config/$1',
  '^@temporal-lib/(.*)$': '<rootDir>/libs/temporal/$1',
  '^@workflows/(.*)$': '<rootDir>/workflows/$1',
  '^@activities/(.*)$': '<rootDir>/activities/$1',
  '^@local/(.*)$': '<rootDir>/local/$1',
  '^@org-import/(.*)$': '<rootDir>/libs/org-import/$1',
};
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const common = { rootDir: __dirname, testEnvironment: 'node', transform, moduleNameMapper };

module.exports = {
  transform,
  moduleNameMapper,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/tests/unit/**/*.test.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/local/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'workflows',
      testMatch: ['<rootDir>/tests/workflows/**/*.test.ts', '<rootDir>/tests/replay/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      setupFiles: ['<rootDir>/tests/support/quiet-runtime.ts'],
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      // Builds apps/web when it is missing or older than its sources; runs only when this project runs.
      globalSetup: '<rootDir>/tests/browser/support/build-web.ts',
      setupFiles: ['<rootDir>/tests/support/quiet-runtime.ts'],
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
    },
  ],
};
