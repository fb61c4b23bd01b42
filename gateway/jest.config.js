// Unit tests of the gateway only (fake subgraphs run in-process; no database, no Kafka).
// Built on the shared preset (swc transform with decorators, @sc/* aliases from tsconfig.base.json).
const { projectConfig } = require('../jest.preset');

/** @type {import('jest').Config} */
module.exports = {
  ...projectConfig('gateway', 'gateway'),
  testMatch: ['<rootDir>/gateway/src/**/*.spec.ts'],
  testTimeout: 30_000,
};
