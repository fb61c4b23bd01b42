import { GraphQLFormattedError } from 'graphql';
import { logger } from '@sc/logging';
import { ERROR_CODES } from './app-error';

const log = logger('graphql');

/** Codes the GraphQL layer itself raises for malformed operations. */
const GRAPHQL_LAYER_CODES = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND', 'BAD_REQUEST'];

/** Every code a client may see as it was raised: the business codes and the GraphQL layer's. */
export const PASS_THROUGH_CODES: ReadonlySet<string> = new Set<string>([...ERROR_CODES, ...GRAPHQL_LAYER_CODES]);

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
  // The one place an unexpected error is logged (with its stack): business refusals are logged, without one, by ErrorLogFilter.
  log.error({ err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path }, 'unexpected GraphQL error');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
