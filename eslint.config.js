// Lint rules for every project. Module boundaries keep the arrows one way:
// services → libs, gateway → libs, libs never → services or gateway, services never → other services;
// by type: apps → platform, contracts, testing, tooling; platform → platform, contracts; contracts → nothing;
// testing and tooling (the process launcher) → platform, contracts, tooling. The testing lib is for tests only.
const tseslint = require('typescript-eslint');
const nx = require('@nx/eslint-plugin');

module.exports = tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.sc/**', '.nx/**', 'gateway/explorer/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'scope:service', onlyDependOnLibsWithTags: ['scope:lib'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:lib'] },
            { sourceTag: 'scope:lib', onlyDependOnLibsWithTags: ['scope:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:contract', 'type:domain', 'type:testing', 'type:tooling'] },
            // Pure domain rules shared by services (pricing): no framework, no I/O.
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contract'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contract'] },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contract', 'type:domain', 'type:tooling', 'type:testing'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:platform', 'type:contract', 'type:tooling'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Production code never imports the test harness or the process launcher; specs and test/ folders may.
    files: ['services/*/src/**/*.ts', 'gateway/src/**/*.ts', 'libs/platform/*/src/**/*.ts', 'libs/contracts/*/src/**/*.ts', 'libs/domain/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'gateway/src/demo-token.ts', 'gateway/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@sc/testing', message: 'The testing lib is for tests only.' },
            { name: '@sc/stack', message: 'The process launcher is for tests, tools and start-up scripts only.' },
            { name: '@sc/demo', message: 'The demo seed is for the start-up script and tests only.' },
          ],
        },
      ],
    },
  },
);
