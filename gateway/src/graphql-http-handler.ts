import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { GatewayContext } from './gateway-context';
import type { Identity } from '@sc/auth';
import type { Authenticator } from './authenticate';
import { assignCorrelationId } from './correlation-id';
import { sendGraphQLError } from './graphql-error-response';
import { BodyError, readJsonBody } from './read-json-body';
import { emptyQueryCosts } from './query-costs';
import { log } from './log';
import { withLogContext } from '@sc/logging';

export interface GraphQLHandlerOptions {
  authenticate: Authenticator;
  /** The caller with the staff access resolved for this request (see staff-access.ts); never rejects. */
  resolveAccess?: (identity: Identity, correlationId: string) => Promise<Identity>;
  bodyLimitBytes: number;
  exposeQueryCosts: boolean;
}

/**
 * Serves GraphQL on plain node:http, calling Apollo Server directly. Express (with its request/response
 * decoration, router walk, body-parser and ETag hashing) cost a noticeable share of the gateway's CPU per
 * operation, and none of it is needed here; express keeps serving health and the explorer.
 *
 * Order matters and matches what express did: correlation id, then the token (before the body is read, so
 * refusing strangers stays cheap), then the JSON body, then Apollo Server (CSRF prevention, limits, errors).
 * A staff member's access is looked up (when not cached) while the body is read.
 */
export function graphqlHttpHandler(server: ApolloServer<GatewayContext>, options: GraphQLHandlerOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const correlationId = assignCorrelationId(req, res);
    // Every line logged while this request is served carries its correlation id.
    withLogContext({ correlationId }, () => handle(server, options, req, res, correlationId)).catch((error: unknown) => {
      log('error', 'unhandled request error', { correlationId, error: String(error) });
      if (!res.headersSent) sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.destroy();
    });
  };
}

async function handle(
  server: ApolloServer<GatewayContext>,
  options: GraphQLHandlerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  correlationId: string,
): Promise<void> {
  const verified = await options.authenticate(req, res);
  if (!verified) return;
  const caller = options.resolveAccess ? options.resolveAccess(verified, correlationId) : verified;

  let body: unknown;
  try {
    body = await readJsonBody(req, options.bodyLimitBytes);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    if (error.status === 413) {
      // The rest of an oversized body is not worth reading: answer, then close the connection.
      res.setHeader('connection', 'close');
      sendGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE', error.message);
    } else sendGraphQLError(res, error.status, 'BAD_REQUEST', error.message);
    return;
  }

  const identity = await caller;
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: query < 0 ? '' : url.slice(query), body },
    context: async () => {
      const context: GatewayContext = { identity, correlationId };
      if (options.exposeQueryCosts) context.costs = emptyQueryCosts();
      return context;
    },
  });
  await send(res, response);
}

async function send(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  res.statusCode = response.status ?? 200;
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Whether a request URL is for the GraphQL route: `/graphql` and below, case-insensitive, as express matched. */
export function isGraphQLPath(url: string | undefined, graphqlPath: string): boolean {
  if (!url) return false;
  const query = url.indexOf('?');
  const path = (query < 0 ? url : url.slice(0, query)).toLowerCase();
  return path === graphqlPath || path.startsWith(graphqlPath + '/');
}
