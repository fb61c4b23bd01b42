import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CORRELATION_ID_HEADER, INTERNAL_CONTEXT_HEADER } from '@sc/auth';
import type { GatewayContext } from './gateway-context';
import type { InternalContextSigner } from './internal-context-signer';
import { createInflightDedupeFetcher } from './inflight-dedupe-fetcher';
import { createTimeoutFetcher } from './timeout-fetcher';
import { recordSubgraphFetch, takeSqlStatements } from './query-costs';

type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];

export interface AuthenticatedDataSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  signer: InternalContextSigner;
  /** Share one fetch among identical queries in flight at the same time (SUBGRAPH_DEDUPE); on unless false. */
  dedupe?: boolean;
}

/**
 * Calls one subgraph on behalf of the verified caller: subgraphs trust only the signed internal-context
 * header (never the client's token), and the correlation id follows the request into their logs and events.
 */
export class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly signer: InternalContextSigner;
  private readonly name: string;

  constructor({ name, url, timeoutMs, signer, dedupe = true }: AuthenticatedDataSourceOptions) {
    const fetcher = createTimeoutFetcher(name, timeoutMs);
    super({ url, fetcher: dedupe ? createInflightDedupeFetcher(fetcher) : fetcher });
    this.signer = signer;
    this.name = name;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = options.request.http?.headers;
    const context = options.context as Partial<GatewayContext>;
    if (context.costs) recordSubgraphFetch(context.costs, this.name);
    // Only operations carry a caller; with a static supergraph there are no schema-loading requests, and a
    // request without an identity goes out unsigned so the subgraph refuses it (fail closed).
    if (!headers || !context.identity) return;
    headers.set(INTERNAL_CONTEXT_HEADER, await this.signer.tokenFor(context.identity));
    if (context.correlationId) headers.set(CORRELATION_ID_HEADER, context.correlationId);
  }

  // A request whose fetch was shared with identical concurrent ones still counts that fetch (above) and the
  // SQL statements of the shared answer (each caller parses its own copy): queryCosts is what the request's
  // plan costs, not what the subgraphs ran, so summed over concurrent requests it can exceed the latter.
  override didReceiveResponse({ response, context }: ReceivedResponse): ReceivedResponse['response'] {
    takeSqlStatements((context as Partial<GatewayContext>).costs, this.name, response);
    return response;
  }
}
