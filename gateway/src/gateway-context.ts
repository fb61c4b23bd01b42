import type { Identity } from '@sc/auth';
import type { QueryCosts } from './query-costs';

/** What every GraphQL operation through the gateway knows about its caller. */
export interface GatewayContext {
  identity: Identity;
  correlationId: string;
  /** Present only when EXPOSE_QUERY_COSTS=true: this request's subgraph fetches and SQL statements. */
  costs?: QueryCosts;
}

/** What the express routes (health, explorer) keep per request in `res.locals`. */
export interface GatewayLocals {
  correlationId?: string;
}
