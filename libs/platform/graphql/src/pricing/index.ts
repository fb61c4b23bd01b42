// The graph's price types, a separate entry point of @sc/graphql (`@sc/graphql/pricing`): an object type that
// references Money lands Money in the schema of every subgraph that loads it, so only the subgraphs that price
// (orders, marketing) import these.
export * from './price-layer.model';
