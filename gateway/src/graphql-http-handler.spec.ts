import { isGraphQLPath } from './graphql-http-handler';

// The handler itself is exercised end to end in create-gateway-app.spec.ts; this is its routing rule.
describe('isGraphQLPath', () => {
  it.each(['/graphql', '/graphql?query=%7Ba%7D', '/graphql/', '/GraphQL', '/graphql/anything'])('routes %s to GraphQL, as express did', (url) => {
    expect(isGraphQLPath(url, '/graphql')).toBe(true);
  });

  it.each(['/', '/health', '/explorer/', '/graphqlx', '/x/graphql', undefined])('leaves %s to express', (url) => {
    expect(isGraphQLPath(url, '/graphql')).toBe(false);
  });
});
