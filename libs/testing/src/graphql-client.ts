import { Identity, signClientToken, signInternalContext, INTERNAL_CONTEXT_HEADER, type SigningKey } from '@sc/auth';
import { assertNoInternalDetails } from './internal-details';

/** What a GraphQL endpoint answered. */
export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
  extensions?: Record<string, unknown>;
}

async function post<T>(url: string, headers: Record<string, string>, query: string, variables?: unknown): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResult<T>, 'status'>;
  return { status: response.status, ...body };
}

/** Calls a subgraph directly, as the gateway would on behalf of `identity`: signed with the gateway's key (`stack.settings.internalSigningKey`). */
export async function callSubgraph<T = Record<string, unknown>>(
  url: string,
  key: SigningKey,
  identity: Identity,
  query: string,
  variables?: unknown,
): Promise<GraphQLResult<T>> {
  return post<T>(url, { [INTERNAL_CONTEXT_HEADER]: await signInternalContext(identity, key) }, query, variables);
}

/** Calls the gateway with a client token for `identity`, signed by the token issuer's key (`stack.settings.clientTokenKey`). */
export async function callGateway<T = Record<string, unknown>>(
  url: string,
  key: SigningKey,
  identity: Identity,
  query: string,
  variables?: unknown,
): Promise<GraphQLResult<T>> {
  const result = await post<T>(url, { authorization: `Bearer ${await signClientToken(identity, key)}` }, query, variables);
  // Whatever the test expects of this answer, no error a client gets may show the inside of the system.
  assertNoInternalDetails(result.errors);
  return result;
}

/** Calls an endpoint (the gateway, or a subgraph as an outsider would) with no credentials at all. */
export async function callAnonymously<T = Record<string, unknown>>(url: string, query: string, variables?: unknown): Promise<GraphQLResult<T>> {
  const result = await post<T>(url, {}, query, variables);
  assertNoInternalDetails(result.errors);
  return result;
}

/** The `extensions.code` of every error of a result. */
export const errorCodes = (result: GraphQLResult<unknown>): unknown[] => (result.errors ?? []).map((e) => e.extensions?.code);
