// One Jest run covers every project: unit specs (*.spec.ts), integration specs against the
// machine's real Postgres and Redis (*.int-spec.ts) and end-to-end specs (*.e2e-spec.ts).
const { readFileSync } = require('node:fs');
const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;

const moduleNameMapper = {
  '^@soar/(contracts|playbook|engine|defender|persistence|testing|queue|observability|intake)$': '<rootDir>/libs/$1/src/index.ts',
  '^@soar/defender-sim$': '<rootDir>/apps/defender-sim/src/index.ts',
};
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] };
const common = { rootDir: __dirname, testEnvironment: 'node', moduleNameMapper, transform };

module.exports = {
  // Integration and end-to-end tests start processes and talk to real services.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts', '<rootDir>/{apps,libs,tools}/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
    },
  ],
};
