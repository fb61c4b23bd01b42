export * from './demo-identities';
export * from './gateway-client';
export * from './demo-data';
export * from './demo-orders';
export * from './demo-stack-env';
export * from './demo-page-views';
export * from './demo-history';
