import { GraphQLFormattedError } from 'graphql';

const PASS_THROUGH_CODES = new Set([
  'VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_TRANSITION', 'INSUFFICIENT_STOCK', 'IDEMPOTENCY_CONFLICT',
  'CURRENCY_MISMATCH', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'STALE_QUANTITY', 'PRODUCT_NOT_AVAILABLE',
  // Raised by the GraphQL layer itself for malformed operations.
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND', 'BAD_REQUEST',
]);

/**
 * Keeps typed business errors as they are and hides everything else behind INTERNAL_SERVER_ERROR, so
 * no stack trace, SQL or driver message reaches a client. The original goes to the log.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error(JSON.stringify({ level: 'error', msg: 'unexpected GraphQL error', error: String((error as Error)?.stack ?? error) }));
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
