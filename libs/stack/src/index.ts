export * from './repo-root';
export * from './topology';
export * from './free-port';
export * from './managed-process';
export * from './wait-for-health';
export * from './stack-settings';
export * from './launch';
export * from './dev-keys';
