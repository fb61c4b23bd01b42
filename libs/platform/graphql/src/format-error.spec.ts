import { AppError, ERROR_CODES } from './app-error';
import { formatGraphQLError } from './format-error';

describe('formatGraphQLError', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it.each(ERROR_CODES)('passes %s through as raised, without a stack trace', (code) => {
    const error = new AppError(code, 'refused', { field: 'x' });
    const formatted = formatGraphQLError({ message: 'refused', extensions: { code, field: 'x', stacktrace: ['at secret.ts:1'] } }, error);
    expect(formatted).toEqual({ message: 'refused', extensions: { code, field: 'x' } });
  });

  it('hides any other error behind INTERNAL_SERVER_ERROR with no message of its own', () => {
    const formatted = formatGraphQLError(
      { message: 'relation "orders" does not exist', path: ['order'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      new Error('SQL'),
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['order'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
