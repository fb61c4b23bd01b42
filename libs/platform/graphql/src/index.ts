export * from './app-error';
export * from './format-error';
export * from './money.model';
export * from './money';
export * from './pagination';
export * from './batch-loader';
export * from './validation';
export * from './subgraph-graphql.module';
