// Unit tests of the gateway (fake subgraphs in-process; no database, no Kafka).
const path = require('path');

const libs = {
  events: 'libs/contracts/events/src',
  db: 'libs/platform/db/src',
  messaging: 'libs/platform/messaging/src',
  graphql: 'libs/platform/graphql/src',
  auth: 'libs/platform/auth/src',
  service: 'libs/platform/service/src',
  testing: 'libs/testing/src',
};

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'gateway',
  rootDir: path.resolve(__dirname, '..'),
  roots: ['<rootDir>/gateway'],
  testMatch: ['<rootDir>/gateway/src/**/*.spec.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // The tsconfig path aliases, one entry per lib (their folders do not follow one pattern).
  moduleNameMapper: Object.fromEntries(
    Object.entries(libs).map(([alias, dir]) => [`^@sc/${alias}$`, `<rootDir>/${dir}`]),
  ),
  moduleFileExtensions: ['ts', 'js', 'json'],
};
