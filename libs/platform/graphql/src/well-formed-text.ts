import { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import { ValidationFailedError } from './app-error';
import { FieldProblem } from './app-error';

// Text that is not well-formed Unicode (a lone UTF-16 surrogate, which JSON's "\ud800" escape can carry) is
// refused at the edge for every input of every operation, so no service stores text that cannot be encoded
// as UTF-8 (PostgreSQL would refuse it with an internal error, or a client would choke on it later).

const MESSAGE = 'must be well-formed Unicode text (it contains a lone UTF-16 surrogate)';

/** Where in `value` (a request's variables, or one of them) a string is not well-formed, as field paths. */
export function illFormedTextPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.isWellFormed() ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => illFormedTextPaths(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [...(key.isWellFormed() ? [] : [path]), ...illFormedTextPaths(item, path ? `${path}.${key}` : key)]);
  }
  return [];
}

/**
 * Ill-formed places in a request's variables, named as field problems elsewhere are: relative to an input
 * object variable (`$input: { title }` → `title`), or the variable's own name for other variables.
 */
function variablePaths(variables: Record<string, unknown>): string[] {
  return Object.entries(variables).flatMap(([name, value]) =>
    value && typeof value === 'object' && !Array.isArray(value) ? illFormedTextPaths(value, '') : illFormedTextPaths(value, name),
  );
}

/** String literals written in the document itself that are not well-formed. */
function illFormedLiterals(document: DocumentNode): string[] {
  const found: string[] = [];
  visit(document, {
    [Kind.STRING]: (node) => {
      if (!node.value.isWellFormed()) found.push('query');
    },
  });
  return found;
}

/** Refuses an operation whose variables or literals hold ill-formed text with VALIDATION_FAILED naming where, before any resolver runs. */
export const wellFormedTextPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const paths = [...variablePaths(request.variables ?? {}), ...illFormedLiterals(document)];
        if (paths.length > 0) {
          const problems: FieldProblem[] = [...new Set(paths)].map((field) => ({ field, message: MESSAGE }));
          throw refusalBeforeExecution(new ValidationFailedError(problems));
        }
      },
    };
  },
};

/**
 * An error thrown before execution is answered with HTTP 500 unless it says otherwise, and the gateway reads a
 * non-2xx subgraph answer as the subgraph failing: it drops the errors and the client got INTERNAL_SERVER_ERROR.
 * A refused input is answered 200 with its typed error, as when a resolver refuses it.
 */
export function refusalBeforeExecution<E extends GraphQLError>(error: E): E {
  (error.extensions as Record<string, unknown>).http = { status: 200 };
  return error;
}
