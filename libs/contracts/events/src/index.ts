export * from './envelope';
export * from './money.schema';
export * from './catalog.events';
export * from './orders.events';
export * from './returns.events';
export * from './marketing.events';
export * from './creators.events';
export * from './topics';
