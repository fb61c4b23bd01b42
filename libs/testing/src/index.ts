export * from './test-stack';
export * from './graphql-client';
export * from './identities';
export * from './eventually';
export * from './raw-events';
export * from './test-broker';
export * from './read-topic';
export * from './live-product';
