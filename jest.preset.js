// Shared Jest settings: swc transform (fast on 2 cores), @sc/* aliases from tsconfig.base.json, repo-root paths.
const path = require('path');
const { compilerOptions } = require('./tsconfig.base.json');

const repoRoot = __dirname;
const moduleNameMapper = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, path.join(repoRoot, target)]));

const swcTransform = [
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
];

/** A Jest project for one folder: unit specs beside the code, e2e specs under test/. */
function projectConfig(displayName, folder) {
  return {
    displayName,
    rootDir: repoRoot,
    roots: [path.join(repoRoot, folder)],
    // SC_UNIT_ONLY=1 (npm run test:unit): the pure specs only, no end-to-end specs.
    testMatch: process.env.SC_UNIT_ONLY === '1' ? ['**/*.spec.ts'] : ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    transform: { '^.+\\.ts$': swcTransform },
    moduleNameMapper,
    testEnvironment: 'node',
    testTimeout: 180_000,
  };
}

module.exports = { projectConfig };
