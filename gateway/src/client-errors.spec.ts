import { GraphQLError } from 'graphql';
import { ERROR_CODES } from '@sc/graphql/app-error';
import { GENERIC_MESSAGE, clientSafeError } from './client-errors';

const format = (message: string, extensions: Record<string, unknown>, error: unknown = new GraphQLError(message)) =>
  clientSafeError({ message, extensions, path: ['shop'] }, error);

describe('clientSafeError', () => {
  it('lets every subgraph business code through, with its message', () => {
    for (const code of ERROR_CODES) expect(format('Refused for a reason', { code }).extensions).toEqual({ code });
  });

  it('keeps a business error with its details, dropping where it came from', () => {
    const fields = [{ field: 'description', message: 'must be at most 10000 characters' }];
    expect(format('description: must be at most 10000 characters', { code: 'VALIDATION_FAILED', fields, serviceName: 'catalog' })).toEqual({
      message: 'description: must be at most 10000 characters',
      path: ['shop'],
      extensions: { code: 'VALIDATION_FAILED', fields },
    });
  });

  it("hides a subgraph's HTTP failure (its URL and status page) behind INTERNAL_SERVER_ERROR", () => {
    const formatted = format('413: Payload Too Large', {
      code: 'INTERNAL_SERVER_ERROR',
      serviceName: 'catalog',
      response: { url: 'http://127.0.0.1:4101/graphql', status: 413, body: '<html>PayloadTooLargeError at raw-body.js:163:17</html>' },
    });
    expect(formatted).toEqual({ message: GENERIC_MESSAGE, path: ['shop'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('masks codes clients do not know (the federation layer’s INVALID_GRAPHQL) as INTERNAL_SERVER_ERROR', () => {
    expect(format('Cannot return null for non-nullable field Shop.name.', { code: 'INVALID_GRAPHQL' }).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(format('no code at all', {}).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('drops the message of a known code when it names a URL, a host, a stack frame, a socket error or SQL', () => {
    for (const message of [
      'request to http://orders.internal/graphql failed',
      'connect to localhost failed',
      'connect ECONNREFUSED 10.0.0.4:5432',
      'Subgraph "orders" did not answer',
      'TypeError: x is undefined\n    at handler (/srv/dist/orders/main.js:10:5)',
      'SELECT id FROM orders WHERE seller_id = $1',
      'duplicate key value violates unique constraint "orders_pkey"',
    ]) {
      expect(format(message, { code: 'CONFLICT' })).toEqual({ message: GENERIC_MESSAGE, path: ['shop'], extensions: { code: 'CONFLICT' } });
    }
    // Prose that only resembles SQL stays.
    expect(format('Select a category from the list before you submit', { code: 'VALIDATION_FAILED' }).message).toBe(
      'Select a category from the list before you submit',
    );
  });

  it("codes Apollo Server's own 4xx refusals without a code (a persisted query's hash mismatch) as BAD_REQUEST", () => {
    const apq = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    expect(format('provided sha does not match query', { code: 'INTERNAL_SERVER_ERROR' }, apq)).toEqual({
      message: 'provided sha does not match query',
      path: ['shop'],
      extensions: { code: 'BAD_REQUEST' },
    });
  });
});
