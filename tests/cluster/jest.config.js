/**
 * `npm run test:cluster`: the real Temporal server, two nodes on PostgreSQL, with nodes killed under load.
 * Its own config, not a project of the root one: it needs no dev server, and .ci/run runs it after `npm test`.
 */
// The same transform and path aliases as every other test, from the one place they are kept.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest reads this file as CommonJS
const root = require('../../jest.config.js');

module.exports = {
  rootDir: '../..',
  displayName: 'cluster',
  testEnvironment: 'node',
  transform: root.transform,
  moduleNameMapper: root.moduleNameMapper,
  globalSetup: '<rootDir>/tests/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/tests/cluster/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/support/quiet-runtime.ts'],
  testMatch: ['<rootDir>/tests/cluster/**/*.test.ts'],
};
