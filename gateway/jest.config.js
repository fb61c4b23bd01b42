// Gateway unit tests (fake subgraphs in-process) and the system tests of the whole graph (gateway/test/:
// every subgraph as a process, real PostgreSQL and Kafka).
// Built on the shared preset (swc transform with decorators, @sc/* aliases from tsconfig.base.json).
const { projectConfig } = require('../jest.preset');

/** @type {import('jest').Config} */
module.exports = {
  ...projectConfig('gateway', 'gateway'),
  // SC_UNIT_ONLY=1 (npm run test:unit): the unit specs only.
  testMatch:
    process.env.SC_UNIT_ONLY === '1'
      ? ['<rootDir>/gateway/src/**/*.spec.ts']
      : ['<rootDir>/gateway/src/**/*.spec.ts', '<rootDir>/gateway/test/**/*.e2e-spec.ts'],
};
