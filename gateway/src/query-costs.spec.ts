import { signClientToken } from '@sc/auth';
import { DEMO_IDENTITIES } from '@sc/demo';
import { createGatewayApp, type GatewayApp } from './create-gateway-app';
import { emptyQueryCosts, recordSubgraphFetch, takeSqlStatements } from './query-costs';
import { startFakeSubgraphs, testGatewayConfig, type FakeSubgraphs, TEST_KEYS, gatewayVerifyKeys } from './testing/fake-subgraphs';
import type { GraphQLBody } from './testing/http';

describe('query cost counting', () => {
  it('counts fetches and sums reported SQL statements per subgraph, removing them from the subgraph response', () => {
    const costs = emptyQueryCosts();
    recordSubgraphFetch(costs, 'catalog');
    recordSubgraphFetch(costs, 'orders');
    recordSubgraphFetch(costs, 'catalog');
    const first = { data: {}, extensions: { sqlStatements: 2 } };
    const second = { data: {}, extensions: { sqlStatements: 1, other: true } };
    takeSqlStatements(costs, 'catalog', first);
    takeSqlStatements(costs, 'catalog', second);
    takeSqlStatements(costs, 'orders', {});
    expect(costs).toEqual({ subgraphFetches: { catalog: 2, orders: 1 }, sqlStatements: { catalog: 3, orders: 0 } });
    expect(first.extensions).toBeUndefined();
    expect(second.extensions).toEqual({ other: true });
  });

  it('strips reported SQL statements even when costs are not being exposed', () => {
    const response = { data: {}, extensions: { sqlStatements: 4 } };
    takeSqlStatements(undefined, 'orders', response);
    expect(response.extensions).toBeUndefined();
  });
});

// Through a real gateway over two fake subgraphs that report 2 (catalog) and 3 (orders) SQL statements.
describe.each([
  { exposeQueryCosts: true, expected: { subgraphFetches: { catalog: 1, orders: 1 }, sqlStatements: { catalog: 2, orders: 3 } } },
  { exposeQueryCosts: false, expected: undefined },
])('extensions.queryCosts with EXPOSE_QUERY_COSTS=$exposeQueryCosts', ({ exposeQueryCosts, expected }) => {
  const config = testGatewayConfig({ exposeQueryCosts });
  let subgraphs: FakeSubgraphs;
  let gateway: GatewayApp;
  let url: string;
  let token: string;

  beforeAll(async () => {
    subgraphs = await startFakeSubgraphs(gatewayVerifyKeys(config), 10_000, { catalog: 2, orders: 3 });
    gateway = await createGatewayApp(config, { supergraphSdl: subgraphs.supergraphSdl });
    url = (await gateway.listen(0, '127.0.0.1')).url;
    token = await signClientToken({ ...DEMO_IDENTITIES.seller, roles: ['SELLER_STAFF'] }, TEST_KEYS.clientToken);
  });
  afterAll(async () => {
    await gateway?.stop();
    await subgraphs?.stop();
  });

  const query = async (text: string): Promise<GraphQLBody & { extensions?: Record<string, unknown> }> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: text }),
    });
    return response.json() as Promise<GraphQLBody & { extensions?: Record<string, unknown> }>;
  };

  it('reports per request what each subgraph was asked and ran, and nothing of the subgraphs’ own extensions', async () => {
    for (let i = 0; i < 2; i += 1) {
      const body = await query('{ shop { id name orderCount } }');
      expect(body.errors).toBeUndefined();
      expect(body.extensions?.queryCosts).toEqual(expected);
      expect(body.extensions?.sqlStatements).toBeUndefined();
    }
  });
});
