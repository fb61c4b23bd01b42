export * from './test-stack';
export * from './graphql-client';
export * from './identities';
export * from './eventually';
