import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '@sc/graphql/app-error';

/**
 * Codes a client may see as raised. Subgraphs already mask their unexpected errors as INTERNAL_SERVER_ERROR
 * (see @sc/graphql's formatGraphQLError); these are their business codes, the GraphQL layer's and the gateway's.
 * Anything else (the federation layer's INVALID_GRAPHQL, a subgraph answering HTTP 5xx, a code of a subgraph
 * newer than this gateway) is shown as INTERNAL_SERVER_ERROR with a generic message and logged in full.
 */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  // Business refusals: the subgraphs' own list (@sc/graphql's entry point without NestJS).
  ...ERROR_CODES,
  // The GraphQL layer's and HTTP's.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'PAYLOAD_TOO_LARGE',
  // The gateway's own: a part of the graph that could not be reached.
  'SUBGRAPH_TIMEOUT',
  'SUBGRAPH_UNAVAILABLE',
  // Traffic control (traffic-control.ts): refused before any subgraph call, or a write whose answer timed out.
  'THROTTLED',
  'OVERLOADED',
  'OUTCOME_UNKNOWN',
  'INTERNAL_SERVER_ERROR',
]);

/**
 * Extensions that say where inside the system an error happened: the federation layer adds `serviceName` to
 * every subgraph error and `response` (with the subgraph's URL) to HTTP failures; `exception`/`stacktrace` are
 * debugging aids. None of them help a client act, and all of them map the inside of the system.
 */
const INTERNAL_EXTENSIONS = new Set(['serviceName', 'response', 'exception', 'stacktrace', 'originalError', 'http']);

/** A message that names an address, a host, a stack frame, a socket error or SQL is not shown, whatever its code. */
const INTERNAL_DETAIL = [
  /\bhttps?:\/\/|\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0)\b|\bECONN(?:REFUSED|RESET)\b|\bsubgraph\b/i,
  /\bat \S+ \(|\.[cm]?[jt]s:\d+:\d+/,
  // Upper-case keywords only, so prose such as "select a category from the list" stays.
  /\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[\s\S]*\b(?:FROM|VALUES|SET|WHERE)\b|\bduplicate key value\b|\bviolates \w+ constraint\b/,
];

export const GENERIC_MESSAGE = 'Internal server error';

/**
 * Apollo Server's `formatError`: what a client sees of an error. Known codes keep their message (unless it
 * carries internal detail) and their business extensions (`fields`, `entity`…); internal extensions are dropped;
 * the rest becomes INTERNAL_SERVER_ERROR. Apollo Server raises some client mistakes (a persisted query whose hash
 * does not match, an unsupported version) with an HTTP 400 but no code: those become BAD_REQUEST.
 */
export function clientSafeError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(formatted.extensions ?? {})) if (!INTERNAL_EXTENSIONS.has(key)) extensions[key] = value;
  let code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  if (code === 'INTERNAL_SERVER_ERROR' && isClientHttpError(error)) code = 'BAD_REQUEST';
  const known = CLIENT_ERROR_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR';
  const message = known && !INTERNAL_DETAIL.some((pattern) => pattern.test(formatted.message)) ? formatted.message : GENERIC_MESSAGE;
  const safe: GraphQLFormattedError = { message, extensions: known ? { ...extensions, code } : { code: 'INTERNAL_SERVER_ERROR' } };
  if (formatted.locations) Object.assign(safe, { locations: formatted.locations });
  if (formatted.path) Object.assign(safe, { path: formatted.path });
  return safe;
}

/** An error Apollo Server raised with a 4xx status of its own (the request was the client's mistake). */
function isClientHttpError(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
