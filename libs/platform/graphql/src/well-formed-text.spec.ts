import { ApolloServer, HeaderMap } from '@apollo/server';
import { illFormedTextPaths, wellFormedTextPlugin } from './well-formed-text';
import { checkText } from './validation';

describe('well-formed text at the edge', () => {
  const lone = 'Summer \ud800 sale';

  it('finds lone surrogates anywhere in the variables, by path', () => {
    expect(illFormedTextPaths({ input: { title: lone, items: ['ok', lone], nested: [{ note: lone }] } }, '')).toEqual([
      'input.title',
      'input.items[1]',
      'input.nested[0].note',
    ]);
  });

  it('accepts well-formed text, including characters outside the BMP (surrogate pairs)', () => {
    expect(illFormedTextPaths({ input: { title: 'Été 🌞 sale', count: 3, none: null } }, '')).toEqual([]);
  });

  it('refuses a lone surrogate in checkText as well, for callers that bypass GraphQL', () => {
    expect(checkText('title', lone, 1, 100)).toEqual([{ field: 'title', message: 'must be well-formed Unicode text' }]);
    expect(checkText('title', '\udc00', 1, 100)).toHaveLength(1);
    expect(checkText('title', 'Plain title', 1, 100)).toEqual([]);
  });

  it('answers the refusal with HTTP 200 and VALIDATION_FAILED, as a resolver refusal is (the gateway drops the errors of a non-2xx answer)', async () => {
    const server = new ApolloServer({
      typeDefs: 'type Query { echo(text: String!): String }',
      resolvers: { Query: { echo: (_: unknown, a: { text: string }) => a.text } },
      plugins: [wellFormedTextPlugin],
    });
    await server.start();
    try {
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers: new HeaderMap([['content-type', 'application/json']]),
          search: '',
          body: { query: 'query($t: String!) { echo(text: $t) }', variables: { t: lone } },
        },
        context: async () => ({}),
      });
      expect(response.status ?? 200).toBe(200);
      const body = JSON.parse(response.body.kind === 'complete' ? response.body.string : '{}') as {
        errors: Array<{ extensions: { code: string; fields: unknown } }>;
      };
      expect(body.errors[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 't' }] });
    } finally {
      await server.stop();
    }
  });
});
