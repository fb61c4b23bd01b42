import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { Identity } from '@sc/auth';
import type { GatewayContext } from './gateway-context';

/**
 * Rules on the operation a request resolved to, checked before any subgraph is called:
 * - a document with several operations and no (or an unknown) `operationName`, a subscription (this endpoint
 *   serves queries and mutations over HTTP only) or an operation type the graph has no root for are the
 *   client's mistakes: 400 BAD_USER_INPUT (the federation layer would otherwise fail them as internal errors);
 * - introspection (`__schema`, `__type`) is for those who work on the graph: a shop's staff and the platform.
 *   Buyers and carriers use the operations their app ships with; the schema is not theirs to map;
 * - for the same reason, "Did you mean …?" suggestions, which leak field names one typo at a time, are shown
 *   only to callers who may introspect (they could read the names anyway).
 */
export function operationRulesPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema, contextValue }) {
          if (!operation) throw badUserInput(missingOperationMessage(document, request.operationName));
          if (operation.operation === 'subscription') throw badUserInput('Subscriptions are not served over HTTP: send a query or a mutation');
          if (!schema.getRootType(operation.operation)) throw badUserInput(`This graph has no ${operation.operation} operations`);
          if (!mayIntrospect(contextValue.identity) && selectsIntrospection(document)) {
            throw new GraphQLError('Introspection is available to shop staff and platform accounts only', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          if (contextValue && mayIntrospect(contextValue.identity)) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
            const message = error.message.replace(SUGGESTION, '');
            return message === error.message ? error : { ...error, message };
          });
        },
      };
    },
  };
}

// graphql-js ends a message with its suggestions: 'Cannot query field "nod" on type "Query". Did you mean "node"?'
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** Whether `identity` may read the schema: the platform, or a shop's owner or active staff member. */
export function mayIntrospect(identity: Identity | undefined): boolean {
  if (!identity) return false;
  if (identity.roles.includes('PLATFORM')) return true;
  const access = identity.access;
  return identity.sellerId !== null && access !== undefined && (access.owner || access.permissions.length > 0);
}

function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

function missingOperationMessage(document: DocumentNode, operationName: string | null | undefined): string {
  if (operationName) return `The document has no operation named "${operationName}"`;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  return operations === 0 ? 'The document has no operation' : 'The document has several operations: say which one to run with operationName';
}

function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}
