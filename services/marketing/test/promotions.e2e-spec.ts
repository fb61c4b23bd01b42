import { randomUUID } from 'node:crypto';
import { Identity } from '@sc/auth';
import { newId } from '@sc/db';
import { EventEnvelope } from '@sc/events';
import {
  GraphQLResult,
  TEST_PLATFORM,
  TestStack,
  errorCodes,
  eventFixture,
  eventually,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  newStaffMember,
  publishRaw,
  startTestStack,
} from '@sc/testing';
import {
  CreatePromotionResult,
  Entities,
  ProductPromotions,
  PromotionStatus,
  ShopPromotionsPage,
  WriteCountsRow,
  marketingCaller,
} from './support/marketing-api';

/** A product of `seller` as catalog's `product.created` announces it (catalog ids, aggregate version 1). */
function productCreatedFixture(seller: Identity, title: string, status: 'DRAFT' | 'PENDING'): EventEnvelope {
  const productId = newId('prd');
  return eventFixture('catalog.product.v1', 'product.created', {
    source: 'catalog',
    sellerId: seller.sellerId!,
    aggregateType: 'Product',
    aggregateId: productId,
    aggregateVersion: 1,
    actor: { type: 'SELLER_STAFF', id: seller.userId },
    payload: {
      productId,
      title,
      status,
      skus: [{ skuId: newId('sku'), sellerSku: `SKU-${randomUUID()}`, price: { amountMinor: '1000', currencyCode: 'USD' } }],
    },
  });
}

/**
 * A live product of `seller`, as catalog announced it: created for review (PENDING, version 1), then
 * approved by the platform (`product.status_changed` PENDING → ACTIVATE, version 2).
 */
function liveProductFixture(seller: Identity, title: string): { productId: string; events: EventEnvelope[] } {
  const created = productCreatedFixture(seller, title, 'PENDING');
  const approved = eventFixture('catalog.product.v1', 'product.status_changed', {
    source: 'catalog',
    sellerId: seller.sellerId!,
    aggregateType: 'Product',
    aggregateId: created.aggregateId,
    aggregateVersion: 2,
    actor: { type: 'PLATFORM', id: TEST_PLATFORM.userId },
    payload: { productId: created.aggregateId, from: 'PENDING', to: 'ACTIVATE', sellable: true, reason: null },
  });
  return { productId: created.aggregateId, events: [created, approved] };
}

// Marketing alone over real Kafka and PostgreSQL, fed catalog.product.v1 as catalog publishes it: the
// product projection, promotions, their federation fields and batching, deactivation and refusals.
describe('promotions (marketing, catalog events as fixtures)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const otherSeller = newSeller();
  const buyer = newBuyer();
  const HOUR = 60 * 60 * 1000;

  const marketing = marketingCaller(() => stack);
  const marketingDb = () => stack.db('marketing');

  /** Publishes catalog's product.created for a new DRAFT product of `identity`; returns its id. */
  async function createProduct(identity: Identity, title: string): Promise<string> {
    const event = productCreatedFixture(identity, title, 'DRAFT');
    await publishRaw(stack.settings, 'catalog.product.v1', [event]);
    return event.aggregateId;
  }

  const CREATE = `mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id title discountBasisPoints status startsAt endsAt products { id } } }`;
  const DEACTIVATE = `mutation($input: DeactivatePromotionInput!) { deactivatePromotion(input: $input) { id status } }`;
  const ENTITIES = (selection: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;

  const promotionInput = (productIds: string[], overrides: Record<string, unknown> = {}) => {
    const startsAt = new Date();
    return {
      title: 'Spring sale',
      discountBasisPoints: 1500,
      productIds,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 24 * HOUR).toISOString(),
      idempotencyKey: newIdempotencyKey(),
      ...overrides,
    };
  };

  async function createPromotion(productIds: string[], overrides: Record<string, unknown> = {}, identity = seller) {
    const result = await marketing<CreatePromotionResult>(identity, CREATE, { input: promotionInput(productIds, overrides) });
    expect(result.errors).toBeUndefined();
    return result.data!.createPromotion;
  }

  const activePromotions = async (identity: Identity, productIds: string[]) => {
    const result = await marketing<Entities<ProductPromotions>>(
      identity,
      ENTITIES('... on Product { id activePromotions { id status discountBasisPoints } }'),
      {
        r: productIds.map((id) => ({ __typename: 'Product', id })),
      },
    );
    expect(result.errors).toBeUndefined();
    return result;
  };

  const tableCounts = async () =>
    (
      await (
        await marketingDb()
      ).query<WriteCountsRow>(
        `SELECT (SELECT count(*) FROM promotions) AS promotions, (SELECT count(*) FROM promotion_products) AS promotion_products,
              (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM idempotency_keys) AS keys`,
      )
    ).rows[0];

  let products: string[];
  let otherSellersProduct: string;

  beforeAll(async () => {
    stack = await startTestStack('marketing', { subgraphs: ['marketing'] });
    products = [await createProduct(seller, 'Linen shirt'), await createProduct(seller, 'Wool scarf'), await createProduct(seller, 'Silk tie')];
    otherSellersProduct = await createProduct(otherSeller, 'Cotton socks');
    const db = await marketingDb();
    await eventually(
      async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_products')).rows[0].n,
      (n) => n === 4,
    );
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it("projects catalog's product.created into the seller's product read model", async () => {
    const db = await marketingDb();
    const row = await db.query<{ seller_id: string; title: string; status: string }>(
      'SELECT seller_id, title, status FROM catalog_products WHERE product_id = $1',
      [products[0]],
    );
    expect(row.rows).toEqual([{ seller_id: seller.sellerId, title: 'Linen shirt', status: 'DRAFT' }]);
  });

  it("follows the product's status changes in the read model", async () => {
    const live = liveProductFixture(seller, 'Reviewed linen trousers');
    await publishRaw(stack.settings, 'catalog.product.v1', live.events);
    const db = await marketingDb();
    const status = await eventually(
      async () => (await db.query<{ status: string }>('SELECT status FROM catalog_products WHERE product_id = $1', [live.productId])).rows[0]?.status,
      (s) => s === 'ACTIVATE',
    );
    expect(status).toBe('ACTIVATE');
  });

  it('creates an ONGOING promotion, records promotion.created and shows it on the products', async () => {
    const promotion = await createPromotion([products[0], products[1]]);
    expect(promotion).toMatchObject({
      title: 'Spring sale',
      discountBasisPoints: 1500,
      status: 'ONGOING',
      products: [{ id: products[0] }, { id: products[1] }].sort((a, b) => a.id.localeCompare(b.id)),
    });

    const db = await marketingDb();
    const outbox = await db.query<{ topic: string; event_type: string; envelope: EventEnvelope }>(
      `SELECT topic, event_type, envelope FROM outbox WHERE message_key = $1`,
      [promotion.id],
    );
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]).toMatchObject({ topic: 'marketing.promotion.v1', event_type: 'promotion.created' });
    expect(outbox.rows[0].envelope).toMatchObject({
      sellerId: seller.sellerId,
      payload: { promotionId: promotion.id, discountBasisPoints: 1500, productIds: [products[0], products[1]] },
    });
    await eventually(
      async () =>
        (await db.query<{ published_at: Date | null }>('SELECT published_at FROM outbox WHERE message_key = $1', [promotion.id])).rows[0].published_at,
      (at) => at !== null,
    );

    for (const identity of [seller, buyer]) {
      const result = await activePromotions(identity, [products[0], products[2]]);
      const [first, third] = result.data!._entities;
      expect(first.activePromotions.map((p) => p.id)).toContain(promotion.id);
      expect(third.activePromotions.map((p) => p.id)).not.toContain(promotion.id);
    }
    // Another seller sees promotions of their own products only.
    expect((await activePromotions(otherSeller, [products[0]])).data).toEqual({ _entities: [{ id: products[0], activePromotions: [] }] });

    const asBuyer = await marketing(buyer, `query($id: ID!) { promotion(id: $id) { id status } }`, { id: promotion.id });
    expect(asBuyer.data).toEqual({ promotion: { id: promotion.id, status: 'ONGOING' } });
  });

  it('returns the same promotion for a repeated key and refuses the key with other input', async () => {
    const input = promotionInput([products[2]]);
    const first = await marketing<CreatePromotionResult>(seller, CREATE, { input });
    const again = await marketing<CreatePromotionResult>(seller, CREATE, { input });
    expect(again.data!.createPromotion.id).toBe(first.data!.createPromotion.id);
    const other = await marketing(seller, CREATE, { input: { ...input, discountBasisPoints: 2000 } });
    expect(errorCodes(other)).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it('resolves ~30 Promotion and Product representations with one SQL statement each', async () => {
    const created = [];
    for (let i = 0; i < 30; i += 1) created.push(await createPromotion([products[i % 3]], { title: `Batch ${i}` }));

    const promotions = await marketing<Entities<{ id: string; status: PromotionStatus }>>(seller, ENTITIES('... on Promotion { id status }'), {
      r: created.map((p) => ({ __typename: 'Promotion', id: p.id })),
    });
    expect(promotions.errors).toBeUndefined();
    expect(promotions.data!._entities.map((p) => p.id)).toEqual(created.map((p) => p.id));
    expect(promotions.extensions?.sqlStatements).toBe(1);

    const withProducts = await marketing<Entities<{ id: string; products: Array<{ id: string }> }>>(
      seller,
      ENTITIES('... on Promotion { id products { id } }'),
      {
        r: created.map((p) => ({ __typename: 'Promotion', id: p.id })),
      },
    );
    expect(withProducts.data!._entities[4].products).toEqual([{ id: products[1] }]);
    expect(withProducts.extensions?.sqlStatements).toBe(2);

    const unknown = Array.from({ length: 27 }, (_, i) => `prd_unknown${String(i).padStart(16, '0')}`);
    const byProduct = await activePromotions(buyer, [...products, ...unknown]);
    const entities = byProduct.data!._entities;
    expect(entities).toHaveLength(30);
    expect(entities[1].activePromotions.map((p) => p.id)).toEqual(expect.arrayContaining([created[1].id, created[4].id]));
    expect(entities[29].activePromotions).toEqual([]);
    expect(byProduct.extensions?.sqlStatements).toBe(1);
  });

  it("pages through the shop's promotions newest first and filters by status, for the shop's staff only", async () => {
    const upcoming = await createPromotion([products[0]], {
      startsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
      endsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
    });
    expect(upcoming.status).toBe('NOT_START');
    const PAGE = `query($r: [_Any!]!, $after: String, $status: PromotionStatus) { _entities(representations: $r) { ... on Shop { promotions(first: 7, after: $after, status: $status) { nodes { id status } pageInfo { hasNextPage endCursor } } } } }`;
    const shop = [{ __typename: 'Shop', id: seller.sellerId }];

    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages += 1) {
      const page: GraphQLResult<Entities<ShopPromotionsPage>> = await marketing(seller, PAGE, { r: shop, after });
      expect(page.errors).toBeUndefined();
      const { nodes, pageInfo } = page.data!._entities[0].promotions;
      seen.push(...nodes.map((n) => n.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    const stored = await (await marketingDb()).query<{ id: string }>('SELECT id FROM promotions WHERE seller_id = $1 ORDER BY id DESC', [seller.sellerId]);
    expect(seen).toEqual(stored.rows.map((r) => r.id));

    const notStarted = await marketing<Entities<ShopPromotionsPage>>(seller, PAGE, { r: shop, status: 'NOT_START' });
    expect(notStarted.data!._entities[0].promotions.nodes).toEqual([{ id: upcoming.id, status: 'NOT_START' }]);
    const ongoing = await marketing<Entities<ShopPromotionsPage>>(seller, PAGE, { r: shop, status: 'ONGOING' });
    expect(ongoing.data!._entities[0].promotions.nodes.every((n) => n.status === 'ONGOING')).toBe(true);

    expect(errorCodes(await marketing(otherSeller, PAGE, { r: shop }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await marketing(buyer, PAGE, { r: shop }))).toEqual(['FORBIDDEN']);
  });

  it('deactivates NOT_START and ONGOING promotions with promotion.deactivated, and refuses a second time', async () => {
    const ongoing = await createPromotion([products[2]], { title: 'To deactivate' });
    const upcoming = await createPromotion([products[2]], {
      startsAt: new Date(Date.now() + HOUR).toISOString(),
      endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
    });

    expect(errorCodes(await marketing(otherSeller, DEACTIVATE, { input: { promotionId: ongoing.id, idempotencyKey: newIdempotencyKey() } }))).toEqual([
      'NOT_FOUND',
    ]);

    const key = newIdempotencyKey();
    const done = await marketing(seller, DEACTIVATE, { input: { promotionId: ongoing.id, idempotencyKey: key } });
    expect(done.data).toEqual({ deactivatePromotion: { id: ongoing.id, status: 'DEACTIVATED' } });
    const replay = await marketing(seller, DEACTIVATE, { input: { promotionId: ongoing.id, idempotencyKey: key } });
    expect(replay.data).toEqual(done.data);
    expect((await marketing(seller, DEACTIVATE, { input: { promotionId: upcoming.id, idempotencyKey: newIdempotencyKey() } })).data).toEqual({
      deactivatePromotion: { id: upcoming.id, status: 'DEACTIVATED' },
    });

    const db = await marketingDb();
    const events = await db.query<{ topic: string; envelope: EventEnvelope }>(
      `SELECT topic, envelope FROM outbox WHERE message_key = $1 AND event_type = 'promotion.deactivated'`,
      [ongoing.id],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].envelope).toMatchObject({
      aggregateVersion: 2,
      payload: { promotionId: ongoing.id, productIds: [products[2]], previousStatus: 'ONGOING' },
    });

    const after = (await activePromotions(buyer, [products[2]])).data!;
    expect(after._entities[0].activePromotions.map((p) => p.id)).not.toContain(ongoing.id);

    const before = await tableCounts();
    const again = await marketing(seller, DEACTIVATE, { input: { promotionId: ongoing.id, idempotencyKey: newIdempotencyKey() } });
    expect(errorCodes(again)).toEqual(['INVALID_TRANSITION']);
    expect(await tableCounts()).toEqual(before);
  });

  const CREATE_TIERED = `mutation($input: CreateTieredPromotionInput!) { createTieredPromotion(input: $input) { id type status discountBasisPoints tiers { minQuantity discountBasisPoints } } }`;
  const tieredInput = (productIds: string[], overrides: Record<string, unknown> = {}) => {
    const { discountBasisPoints: _unused, ...common } = promotionInput(productIds);
    return {
      ...common,
      title: 'Buy more, save more',
      tiers: [
        { minQuantity: 2, discountBasisPoints: 500 },
        { minQuantity: 4, discountBasisPoints: 1200 },
      ],
      ...overrides,
    };
  };

  it('creates a buy-more-save-more promotion with tiered_promotion.created, once per key', async () => {
    const input = tieredInput([products[1], products[2]]);
    const created = await marketing<{ createTieredPromotion: { id: string } }>(seller, CREATE_TIERED, { input });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createTieredPromotion).toMatchObject({
      type: 'BUY_MORE_SAVE_MORE',
      status: 'ONGOING',
      discountBasisPoints: 1200,
      tiers: [
        { minQuantity: 2, discountBasisPoints: 500 },
        { minQuantity: 4, discountBasisPoints: 1200 },
      ],
    });
    const id = created.data!.createTieredPromotion.id;
    expect((await marketing<{ createTieredPromotion: { id: string } }>(seller, CREATE_TIERED, { input })).data!.createTieredPromotion.id).toBe(id);
    const events = await (
      await marketingDb()
    ).query<{ event_type: string; envelope: EventEnvelope }>(`SELECT event_type, envelope FROM outbox WHERE message_key = $1`, [id]);
    expect(events.rows.map((r) => r.event_type)).toEqual(['tiered_promotion.created']);
    expect(events.rows[0].envelope.payload).toMatchObject({ promotionId: id, productIds: [products[1], products[2]], tiers: input.tiers });
  });

  it.each([
    ['no tier', () => ({ tiers: [] }), 'VALIDATION_FAILED'],
    [
      'tiers not ascending',
      () => ({
        tiers: [
          { minQuantity: 3, discountBasisPoints: 900 },
          { minQuantity: 2, discountBasisPoints: 1000 },
        ],
      }),
      'VALIDATION_FAILED',
    ],
    ['a tier over 99 %', () => ({ tiers: [{ minQuantity: 2, discountBasisPoints: 9901 }] }), 'VALIDATION_FAILED'],
    ["another seller's product", () => ({ productIds: [otherSellersProduct] }), 'NOT_FOUND'],
  ])('refuses a tiered promotion with %s with a typed error and writes nothing', async (_name, overrides, code) => {
    const before = await tableCounts();
    expect(errorCodes(await marketing(seller, CREATE_TIERED, { input: tieredInput([products[0]], overrides()) }))).toEqual([code]);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a tiered promotion to a member without PROMOTIONS:EDIT', async () => {
    const before = await tableCounts();
    const member = newStaffMember(seller, ['PROMOTIONS:VIEW']);
    expect(errorCodes(await marketing(member, CREATE_TIERED, { input: tieredInput([products[0]]) }))).toEqual(['FORBIDDEN']);
    // A refused staff mutation is audited (DENIED) and changes nothing else.
    const after = await tableCounts();
    expect({ ...after, outbox: before.outbox }).toEqual(before);
  });

  it.each([
    [
      'a reversed window',
      () => ({ startsAt: new Date(Date.now() + 2 * HOUR).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() }),
      'VALIDATION_FAILED',
    ],
    ['discount 0', () => ({ discountBasisPoints: 0 }), 'VALIDATION_FAILED'],
    ['discount 10000', () => ({ discountBasisPoints: 10000 }), 'VALIDATION_FAILED'],
    ['an empty title', () => ({ title: '' }), 'VALIDATION_FAILED'],
    ["another seller's product", () => ({ productIds: [otherSellersProduct] }), 'NOT_FOUND'],
    ['an unknown product', () => ({ productIds: [products[0], 'prd_doesnotexist0000000000'] }), 'NOT_FOUND'],
  ])('refuses %s with a typed error and writes nothing', async (_name, overrides, code) => {
    const before = await tableCounts();
    const result = await marketing(seller, CREATE, { input: promotionInput([products[0]], overrides()) });
    expect(errorCodes(result)).toEqual([code]);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses promotions to callers without a shop, and a malformed deactivation', async () => {
    const before = await tableCounts();
    expect(errorCodes(await marketing(buyer, CREATE, { input: promotionInput([products[0]]) }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await marketing(seller, DEACTIVATE, { input: { promotionId: 'nope', idempotencyKey: newIdempotencyKey() } }))).toEqual([
      'VALIDATION_FAILED',
    ]);
    expect(
      errorCodes(await marketing(seller, DEACTIVATE, { input: { promotionId: 'prm_doesnotexist0000000000', idempotencyKey: newIdempotencyKey() } })),
    ).toEqual(['NOT_FOUND']);
    // A lone UTF-16 surrogate (what JSON's "\ud800" carries) is refused before any resolver runs, naming the field.
    const illFormed = await marketing(seller, CREATE, { input: promotionInput([products[0]], { title: 'Summer \ud800 sale' }) });
    expect(errorCodes(illFormed)).toEqual(['VALIDATION_FAILED']);
    expect((illFormed.errors![0].extensions!.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['title']);
    expect(await tableCounts()).toEqual(before);
  });
});
