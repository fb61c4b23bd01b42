export * from './roles';
export * from './identity';
export * from './request-context';
export * from './tokens';
export * from './permissions';
export * from './keys';
export * from './key-sets';
