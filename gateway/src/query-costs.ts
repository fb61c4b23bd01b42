import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './gateway-context';

/** What one client request cost downstream, per subgraph: HTTP fetches and the SQL statements they ran. */
export interface QueryCosts {
  subgraphFetches: Record<string, number>;
  sqlStatements: Record<string, number>;
}

export const emptyQueryCosts = (): QueryCosts => ({ subgraphFetches: {}, sqlStatements: {} });

/** Counts one fetch to a subgraph (called once per fetch node of the plan, retries included). */
export function recordSubgraphFetch(costs: QueryCosts, subgraph: string): void {
  costs.subgraphFetches[subgraph] = (costs.subgraphFetches[subgraph] ?? 0) + 1;
}

/**
 * Adds the `extensions.sqlStatements` a subgraph reported (EXPOSE_SQL_STATEMENT_COUNT) and removes it from
 * the response, so it reaches the client only inside `queryCosts`. Subgraphs that report nothing count 0.
 */
export function takeSqlStatements(costs: QueryCosts | undefined, subgraph: string, response: { extensions?: Record<string, unknown> }): void {
  const reported = response.extensions?.sqlStatements;
  if (response.extensions && 'sqlStatements' in response.extensions) {
    const { sqlStatements: _taken, ...rest } = response.extensions;
    response.extensions = Object.keys(rest).length > 0 ? rest : undefined;
  }
  if (!costs) return;
  costs.sqlStatements[subgraph] = (costs.sqlStatements[subgraph] ?? 0) + (typeof reported === 'number' ? reported : 0);
}

/** Puts the request's tally into `extensions.queryCosts` of every response (only installed when EXPOSE_QUERY_COSTS=true). */
export function queryCostsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.costs || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, queryCosts: contextValue.costs };
        },
      };
    },
  };
}
