// Every project's tests; `npm test` runs this, `npx nx test <project>` runs one project's config.
module.exports = {
  // Global options are read here, not from the projects: e2e hooks start whole stacks.
  testTimeout: 180_000,
  projects: [
    '<rootDir>/libs/jest.config.js',
    '<rootDir>/services/catalog/jest.config.js',
    '<rootDir>/services/orders/jest.config.js',
    '<rootDir>/services/returns/jest.config.js',
    '<rootDir>/services/marketing/jest.config.js',
    '<rootDir>/services/creators/jest.config.js',
    '<rootDir>/gateway/jest.config.js',
    '<rootDir>/tools/jest.config.js',
  ],
};
