import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './gateway-context';
import { log } from './log';
import { CLIENT_ERROR_CODES } from './client-errors';

// Client mistakes (bad query, limits, auth) are the caller's business; these are ours to look at.
const SERVER_SIDE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SUBGRAPH_TIMEOUT', 'SUBGRAPH_UNAVAILABLE', 'DOWNSTREAM_SERVICE_ERROR']);

/** Logs server-side GraphQL errors as JSON lines carrying the correlation id, so they can be traced. */
export function errorLoggingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
            // A subgraph refusing the gateway's own credentials (HTTP 401) is the gateway's fault, whatever the code.
            const refusedGateway = subgraphStatusOf(error) === 401;
            // Codes clients never see as raised (the federation layer's own) are masked by clientSafeError: log them here.
            if (!refusedGateway && !SERVER_SIDE_CODES.has(code) && CLIENT_ERROR_CODES.has(code)) continue;
            log('error', error.message, {
              code,
              serviceName: error.extensions?.serviceName,
              operationName,
              correlationId: contextValue?.correlationId,
              path: error.path,
              ...(refusedGateway ? { subgraphAnswer: subgraphBodyOf(error) } : {}),
            });
          }
        },
      };
    },
  };
}

/** The HTTP status of the subgraph answer a federation error carries (`extensions.response`), if any. */
function subgraphStatusOf(error: { extensions?: Record<string, unknown> }): number | undefined {
  const status = (error.extensions?.response as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The subgraph's answer body, for the log only (clients never see it), cut short. */
function subgraphBodyOf(error: { extensions?: Record<string, unknown> }): string {
  const body = (error.extensions?.response as { body?: unknown } | undefined)?.body;
  return (typeof body === 'string' ? body : JSON.stringify(body ?? null)).slice(0, 500);
}
