import { ApolloServer } from '@apollo/server';
import { getIntrospectionQuery } from 'graphql';
import { createLimits } from './limits';

// A recursive type, so queries can be made as deep and as wide as a test wants.
const typeDefs = `type Query { node: Node }  type Node { id: ID  child: Node }`;
const limits = { maxDepth: 5, maxCost: 5000, maxAliases: 3, maxDirectives: 5, maxTokens: 3000 };

async function run(query: string, maxTokens = limits.maxTokens) {
  const setup = createLimits({ ...limits, maxTokens });
  const server = new ApolloServer({
    typeDefs,
    resolvers: {},
    validationRules: setup.validationRules,
    parseOptions: setup.parseOptions,
    plugins: setup.plugins,
    stopOnTerminationSignals: false,
  });
  await server.start();
  try {
    const { http, body } = await server.executeOperation({ query });
    if (body.kind !== 'single') throw new Error('expected a single result');
    return { status: http.status, errors: body.singleResult.errors };
  } finally {
    await server.stop();
  }
}

const nested = (depth: number): string => (depth === 0 ? 'id' : `child { ${nested(depth - 1)} }`);

describe('createLimits', () => {
  it('accepts a query within the limits', async () => {
    expect((await run(`{ node { ${nested(3)} } }`)).errors).toBeUndefined();
  });

  it('rejects an over-deep query with HTTP 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const { status, errors } = await run(`{ node { ${nested(8)} } }`);
    expect(status).toBe(400);
    expect(errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors?.[0].message).toMatch(/depth limit of 5 exceeded/);
  });

  it('rejects too many aliases with the same code', async () => {
    const { errors } = await run('{ a: node { id } b: node { id } c: node { id } d: node { id } }');
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(errors?.[0].message).toMatch(/Aliases limit of 3 exceeded/);
  });

  it('rejects an over-long query in the parser with GRAPHQL_PARSE_FAILED', async () => {
    const { status, errors } = await run('{ node { id id id id id id id id id id } }', 10);
    expect(status).toBe(400);
    expect(errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('lets the explorer introspect the schema', async () => {
    expect((await run(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).errors).toBeUndefined();
  });
});
