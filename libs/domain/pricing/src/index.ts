export * from './pricing.types';
export * from './price-cart';
export * from './percent';
export * from './allocation';
