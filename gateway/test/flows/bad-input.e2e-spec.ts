import { INTERNAL_CONTEXT_HEADER, type Identity, signClientToken } from '@sc/auth';
import { TestStack, assertNoInternalDetails, createLiveProduct, errorCodes, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';
import { flowOf } from './flow-support';

// The fuzz categories of an outside probe, sent through the gateway to real subgraphs: bodies at and past the
// limits, invalid Unicode, numbers past 2^31, 2^53 and 2^63, documents that cannot be run, persisted-query
// misuse. None may end as an INTERNAL_SERVER_ERROR or an HTTP 500, and no error may show the inside of the
// system (the URL a subgraph listens on, its name, a stack, SQL). Catalog, orders and marketing over real
// Kafka and PostgreSQL.
describe('bad input through the gateway gets typed refusals, never internal errors (catalog + orders + marketing + gateway)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  let productId: string;
  let skuId: string;
  let warehouseId: string;
  const flow = flowOf(() => stack);
  const gql = flow.gateway;
  const GATEWAY_BODY_LIMIT = 1024 * 1024;

  /** Everything answered in this file, for the final scan. */
  const answers: Array<{ status: number; body: { errors?: Array<{ extensions?: { code?: unknown } }> } }> = [];

  /** Posts a raw body (any string) to the gateway as `identity`; records and returns what came back. */
  async function post(identity: Identity, body: string, headers: Record<string, string> = {}) {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signClientToken(identity, stack.settings.clientTokenKey)}`, ...headers },
      body,
    });
    const answer = {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: unknown } }> },
    };
    answers.push(answer);
    assertNoInternalDetails(answer.body.errors);
    return answer;
  }
  const codesOf = (answer: { body: { errors?: Array<{ extensions?: { code?: unknown } }> } }) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

  beforeAll(async () => {
    stack = await startTestStack('bad-input', { subgraphs: ['catalog', 'orders', 'marketing'], gateway: true });
    await flow.registerShop(seller, { name: 'Fuzzed shop' });
    const product = await createLiveProduct(gql, seller, { title: 'Fuzz-proof linen shirt', skus: [{ price: '2500', initialStock: 10 }] });
    productId = product.productId;
    skuId = product.skuIds[0];
    const warehouses = await gql<{ shop: { warehouses: Array<{ id: string }> } }>(seller, '{ shop { warehouses { id } } }');
    warehouseId = warehouses.data!.shop.warehouses[0].id;
  }, 240_000);
  afterAll(() => stack?.dispose());

  describe('bodies', () => {
    it('refuses a body past the gateway limit with 413 PAYLOAD_TOO_LARGE, before any subgraph', async () => {
      const answer = await post(seller, JSON.stringify({ query: '{ shop { id } }', variables: { pad: 'x'.repeat(GATEWAY_BODY_LIMIT) } }));
      expect(answer.status).toBe(413);
      expect(codesOf(answer)).toEqual(['PAYLOAD_TOO_LARGE']);
    });

    it('carries a 150 KB product description to catalog, which refuses it naming its limit (both on create and edit)', async () => {
      const description = 'Soft, breathable linen. '.repeat(6_250); // 150,000 characters
      const created = await gql(seller, 'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }', {
        input: {
          title: 'Linen shirt with a very long description',
          description,
          skus: [{ sellerSku: `SKU-${newIdempotencyKey()}`, price: { amountMinor: '2500', currencyCode: 'USD' } }],
          idempotencyKey: newIdempotencyKey(),
        },
      });
      expect(errorCodes(created)).toEqual(['VALIDATION_FAILED']);
      expect(created.errors![0].message).toBe('description: must be at most 10000 characters');
      const edited = await gql(seller, 'mutation($input: EditProductInput!) { editProduct(input: $input) { id } }', {
        input: { productId, description, idempotencyKey: newIdempotencyKey() },
      });
      expect(errorCodes(edited)).toEqual(['VALIDATION_FAILED']);
      expect(edited.errors![0].message).toContain('10000');
    });

    it('carries a body just under the gateway limit to the subgraph (whose own limit is higher)', async () => {
      const name = 'w'.repeat(GATEWAY_BODY_LIMIT - 4096);
      const answer = await gql(seller, 'mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id } }', {
        input: { name, idempotencyKey: newIdempotencyKey() },
      });
      expect(errorCodes(answer)).toEqual(['VALIDATION_FAILED']);
    });

    it('answers JSON nested thousands deep, or not JSON at all, as the client’s mistake', async () => {
      const deep = '['.repeat(20_000) + ']'.repeat(20_000);
      const nested = await post(
        seller,
        `{"query":"mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id } }","variables":{"input":{"name":${deep},"idempotencyKey":"k"}}}`,
      );
      expect(nested.status).toBe(400);
      expect(codesOf(nested)).toEqual(['BAD_USER_INPUT']);
      const broken = await post(seller, '{"query": "{ shop { id } }", "variables": {');
      expect(broken.status).toBe(400);
      expect(codesOf(broken)).toEqual(['BAD_REQUEST']);
    });
  });

  describe('invalid Unicode', () => {
    // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one.
    const LONE = ['\ud800', 'Summer \udfff sale', 'tail \ud83d'];

    it('refuses lone surrogates and control characters in every kind of text field with VALIDATION_FAILED, writing nothing', async () => {
      for (const bad of [...LONE, 'nul \u0000 inside']) {
        const promotion = await gql(seller, 'mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id } }', {
          input: {
            title: bad,
            discountBasisPoints: 1000,
            productIds: [productId],
            startsAt: new Date().toISOString(),
            endsAt: new Date(Date.now() + 86_400_000).toISOString(),
            idempotencyKey: newIdempotencyKey(),
          },
        });
        const warehouse = await gql(seller, 'mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id } }', {
          input: { name: bad, idempotencyKey: newIdempotencyKey() },
        });
        const message = await gql(buyer, 'mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }', {
          input: { shopId: seller.sellerId, text: bad, idempotencyKey: newIdempotencyKey() },
        });
        const title = await gql(seller, 'mutation($input: EditProductInput!) { editProduct(input: $input) { id } }', {
          input: { productId, title: `Linen shirt ${bad} for everyday wear`, idempotencyKey: newIdempotencyKey() },
        });
        expect({ bad, codes: [promotion, warehouse, message, title].map(errorCodes) }).toEqual({
          bad,
          codes: [['VALIDATION_FAILED'], ['VALIDATION_FAILED'], ['VALIDATION_FAILED'], ['VALIDATION_FAILED']],
        });
      }
      const promotions = await gql<{ shop: { promotions: { nodes: unknown[] } } }>(seller, '{ shop { promotions { nodes { id } } } }');
      expect(promotions.data!.shop.promotions.nodes).toEqual([]);
    });

    it('refuses a lone surrogate in a query document or an operation name as the client’s mistake', async () => {
      const inDocument = await post(seller, JSON.stringify({ query: '{ shop { id } } # \ud800' }));
      const asName = await post(seller, JSON.stringify({ query: 'query Q { shop { id } }', operationName: 'Q\ud800' }));
      for (const answer of [inDocument, asName]) {
        expect(answer.status).toBeLessThan(500);
        expect(codesOf(answer)).not.toContain('INTERNAL_SERVER_ERROR');
      }
    });
  });

  describe('numbers', () => {
    const ADJUST = 'mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { onHand } }';
    const adjustBy = (delta: string) =>
      post(
        seller,
        `{"query":${JSON.stringify(ADJUST)},"variables":{"input":{"skuId":"${skuId}","warehouseId":"${warehouseId}","delta":${delta},"reason":"RECEIVED","idempotencyKey":"${newIdempotencyKey()}"}}}`,
      );

    it('refuses stock counts past 2^31, 2^53 and 2^63 (and non-integers) at the edge with BAD_USER_INPUT', async () => {
      for (const delta of ['2147483648', '-2147483649', '9007199254740993', '9223372036854775808', '18446744073709551616', '1e400', '1.5', '"12"']) {
        const answer = await adjustBy(delta);
        expect({ delta, status: answer.status, codes: codesOf(answer) }).toEqual({ delta, status: 400, codes: ['BAD_USER_INPUT'] });
      }
    });

    it('refuses a valid Int that would take stock past its bound with VALIDATION_FAILED, not an integer overflow', async () => {
      const huge = await adjustBy('2147483647');
      expect(codesOf(huge)).toEqual(['VALIDATION_FAILED']);
      // Step by step to the bound: the last step is refused, the level stays what it was.
      let last = await adjustBy('1000000');
      for (let i = 0; i < 1100 && codesOf(last).length === 0; i += 1) last = await adjustBy('1000000');
      expect(codesOf(last)).toEqual(['VALIDATION_FAILED']);
      const level = await gql<{ product: { skus: Array<{ inventory: Array<{ onHand: number }> }> } }>(
        seller,
        'query($id: ID!) { product(id: $id) { skus { inventory { onHand } } } }',
        { id: productId },
      );
      expect(level.errors).toBeUndefined();
      expect(level.data!.product.skus[0].inventory[0].onHand).toBeGreaterThan(999_000_000);
      expect(level.data!.product.skus[0].inventory[0].onHand).toBeLessThanOrEqual(1_000_000_000);
    }, 240_000);

    it('refuses 2^53 and 2^63 as money with a typed error', async () => {
      for (const amountMinor of ['9007199254740993', '9223372036854775808', '-1', '1e3', '99999999999999999999999']) {
        const answer = await gql(seller, 'mutation($input: UpdateSkuPricesInput!) { updateSkuPrices(input: $input) { id } }', {
          input: { productId, prices: [{ skuId, price: { amountMinor, currencyCode: 'USD' } }], idempotencyKey: newIdempotencyKey() },
        });
        expect({ amountMinor, codes: errorCodes(answer).filter((code) => code === 'INTERNAL_SERVER_ERROR') }).toEqual({ amountMinor, codes: [] });
        expect(answer.errors).toBeDefined();
      }
    });
  });

  describe('documents and persisted queries', () => {
    it('answers documents it cannot run with 400 BAD_USER_INPUT', async () => {
      for (const request of [
        { query: 'query A { shop { id } } query B { shop { name } }' },
        { query: 'query A { shop { id } }', operationName: 'B' },
        { query: 'subscription S { shop { id } }' },
        { query: 'fragment F on Shop { id }' },
      ]) {
        const answer = await post(seller, JSON.stringify(request));
        expect({ request, status: answer.status, codes: codesOf(answer) }).toEqual({
          request,
          status: 400,
          codes: [request.query.startsWith('fragment') ? 'GRAPHQL_VALIDATION_FAILED' : 'BAD_USER_INPUT'],
        });
      }
    });

    it('gives persisted-query misuse the standard codes', async () => {
      const cases: Array<[unknown, number, string]> = [
        [{ query: '{ shop { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }, 400, 'BAD_REQUEST'],
        [{ query: '{ shop { id } }', extensions: { persistedQuery: { version: 3, sha256Hash: '0'.repeat(64) } } }, 400, 'BAD_REQUEST'],
        [{ query: '{ shop { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: { $ne: null } } } }, 400, 'BAD_REQUEST'],
        [{ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, 200, 'PERSISTED_QUERY_NOT_FOUND'],
      ];
      for (const [request, status, code] of cases) {
        const answer = await post(seller, JSON.stringify(request));
        expect({ request, status: answer.status, codes: codesOf(answer) }).toEqual({ request, status, codes: [code] });
      }
    });

    it('ignores an internal-context header sent by a client: the gateway signs its own', async () => {
      const answer = await post(buyer, JSON.stringify({ query: '{ shop { id } }' }), { [INTERNAL_CONTEXT_HEADER]: 'forged' });
      expect(answer.status).toBeLessThan(500);
      expect(codesOf(answer)).not.toContain('INTERNAL_SERVER_ERROR');
    });
  });

  afterAll(() => {
    // Everything answered above: no 500, no INTERNAL_SERVER_ERROR.
    expect(answers.filter((a) => a.status >= 500 || codesOf(a).includes('INTERNAL_SERVER_ERROR'))).toEqual([]);
  });
});
