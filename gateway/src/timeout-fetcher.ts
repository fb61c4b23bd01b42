import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

// The gateway's own fetcher type (from @apollo/utils.fetcher, which is not a direct dependency).
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;

/**
 * A fetcher for one subgraph that gives up after `timeoutMs`, covering the whole exchange (headers and
 * body), and turns transport failures into GraphQL errors with a stable code. Subgraph URLs and low-level
 * causes stay out of client-facing messages.
 */
export function createTimeoutFetcher(subgraphName: string, timeoutMs: number): Fetcher {
  return async (url: string, init: FetcherRequestInit = {}): ReturnType<Fetcher> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([timeout, init.signal as AbortSignal]) : timeout;
    try {
      const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body, signal });
      // Read the body inside the deadline too; then hand the gateway an already-complete response.
      const body = await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (timeout.aborted) {
        throw new GraphQLError(`Subgraph "${subgraphName}" did not answer within ${timeoutMs} ms`, {
          extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: subgraphName },
          originalError: error as Error,
        });
      }
      throw new GraphQLError(`Subgraph "${subgraphName}" is unavailable`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraphName },
        originalError: error as Error,
      });
    }
  };
}
