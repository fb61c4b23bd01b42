import { TestStack, eventually, moveClock, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';
import { flowOf } from './flow-support';

process.env.CLOCK_MODE = 'controlled';

// A seller's promotion reaches the buyer's bill: marketing publishes it, orders' read model learns it from
// marketing.promotion.v1, and placeOrder prices with @sc/pricing at the order's instant (the best product
// discount wins, each layer on the line names its promotion and funder). Deactivating it, or its end, puts the
// price back. Catalog, orders, marketing and the gateway over real Kafka and PostgreSQL, on controlled clocks.
describe('promotions priced into orders (catalog + orders + marketing + gateway)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const flow = flowOf(() => stack);
  const gql = flow.gateway;
  const HOUR = 3_600_000;
  // One instant every service agrees on, ahead of each process's start (each controlled clock starts there).
  const T0 = new Date(Math.ceil((Date.now() + 5 * 60_000) / 1000) * 1000);

  type Money = { amountMinor: string };
  type Line = { sellerDiscount: Money; lineTotal: Money; priceBreakdown: Array<{ layer: string; promotionId: string; fundedBy: string; amount: Money }> };
  type Placed = { subtotal: Money; sellerDiscount: Money; shippingFee: Money; total: Money; lines: Line[] };

  let skuId: string;
  let productId: string;

  beforeAll(async () => {
    stack = await startTestStack('promotion-pricing', { subgraphs: ['catalog', 'orders', 'marketing'], gateway: true });
    for (const service of ['catalog', 'orders', 'marketing'] as const) await moveClock(stack.settings, service, { setTo: T0.toISOString() });
    await flow.registerShop(seller, { name: 'Promotion shop' });
    skuId = await flow.createSku(seller, { stock: 50, price: '10000' });
    const sku = await flow.catalog<{ _entities: Array<{ product: { id: string } }> }>(
      seller,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { product { id } } } }',
      {
        r: [{ __typename: 'Sku', id: skuId }],
      },
    );
    productId = sku.data!._entities[0].product.id;
    await knownToMarketing(productId);
  }, 240_000);

  /** Waits until marketing's read model of catalog has the product (a promotion needs it; createSku waits for orders only). */
  async function knownToMarketing(id: string): Promise<void> {
    const db = await stack.db('marketing');
    await eventually(
      async () => (await db.query('SELECT 1 FROM catalog_products WHERE product_id = $1 AND seller_id = $2', [id, seller.sellerId])).rowCount,
      (rows) => rows === 1,
    );
  }
  afterAll(() => stack?.dispose());

  const createPromotion = async (title: string, discountBasisPoints: number) => {
    const result = await gql<{ createPromotion: { id: string; status: string } }>(
      seller,
      'mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id status } }',
      {
        input: {
          title,
          discountBasisPoints,
          productIds: [productId],
          startsAt: T0.toISOString(),
          endsAt: new Date(T0.getTime() + HOUR).toISOString(),
          idempotencyKey: newIdempotencyKey(),
        },
      },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createPromotion.id;
  };

  const offersKnown = async (count: number) =>
    eventually(
      async () =>
        (await (await stack.db('orders')).query<{ n: number }>('SELECT count(*)::int AS n FROM promotion_offers WHERE seller_id = $1', [seller.sellerId]))
          .rows[0].n,
      (n) => n === count,
    );

  const place = async (): Promise<Placed> => {
    const money = 'amountMinor';
    const result = await gql<{ placeOrder: Placed }>(
      buyer,
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
        subtotal { ${money} } sellerDiscount { ${money} } shippingFee { ${money} } total { ${money} }
        lines { lineTotal { ${money} } sellerDiscount { ${money} } priceBreakdown { layer promotionId fundedBy amount { ${money} } } } } }`,
      { input: { shopId: seller.sellerId, lines: [{ skuId, quantity: 1 }], idempotencyKey: newIdempotencyKey() } },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.placeOrder;
  };
  type Quote = { total: Money; layers: Array<{ promotionId: string; amount: Money }>; skipped: Array<{ promotionId: string; reason: string }> };
  /** The buyer's quote of one unit, as the product page asks marketing for it. */
  const quote = async (): Promise<Quote> => {
    const result = await gql<{ product: { skus: Array<{ id: string; effectivePrice: Quote }> } }>(
      buyer,
      'query($id: ID!) { product(id: $id) { skus { id effectivePrice(quantity: 1) { total { amountMinor } layers { promotionId amount { amountMinor } } skipped { promotionId reason } } } } }',
      { id: productId },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.product.skus.find((s) => s.id === skuId)!.effectivePrice;
  };
  const chargedFor = (o: Placed) => String(BigInt(o.lines[0].lineTotal.amountMinor) - BigInt(o.lines[0].sellerDiscount.amountMinor));
  const totalOf = (o: Placed) => BigInt(o.subtotal.amountMinor) - BigInt(o.sellerDiscount.amountMinor) + BigInt(o.shippingFee.amountMinor);

  it('quotes and charges the best of two product discounts alike, names it on the line, and list price again once they end', async () => {
    const ten = await createPromotion('Ten percent off linen', 1000);
    const twenty = await createPromotion('Twenty percent off linen', 2000);
    await offersKnown(2);

    const quoted = await quote();
    expect(quoted.total.amountMinor).toBe('8000');
    expect(quoted.skipped).toEqual([{ promotionId: ten, reason: 'SUPERSEDED_BY_HIGHER_DISCOUNT' }]);
    const discounted = await place();
    expect(chargedFor(discounted)).toBe(quoted.total.amountMinor);
    expect(discounted.subtotal.amountMinor).toBe('10000');
    expect(discounted.sellerDiscount.amountMinor).toBe('2000');
    expect(BigInt(discounted.total.amountMinor)).toBe(totalOf(discounted));
    expect(discounted.lines[0].priceBreakdown).toEqual([
      { layer: 'PRODUCT_DISCOUNT', promotionId: twenty, fundedBy: 'SELLER', amount: { amountMinor: '2000' } },
    ]);
    expect(discounted.lines[0].sellerDiscount.amountMinor).toBe('2000');

    // The seller ends the 20 % early: the 10 % is the best left.
    const deactivated = await gql(seller, 'mutation($input: DeactivatePromotionInput!) { deactivatePromotion(input: $input) { id } }', {
      input: { promotionId: twenty, idempotencyKey: newIdempotencyKey() },
    });
    expect(deactivated.errors).toBeUndefined();
    const ordersDb = await stack.db('orders');
    await eventually(
      async () => (await ordersDb.query<{ ends_at: Date }>('SELECT ends_at FROM promotion_offers WHERE promotion_id = $1', [twenty])).rows[0].ends_at.getTime(),
      (endsAt) => endsAt <= T0.getTime(),
    );
    const tenQuoted = await quote();
    const tenOnly = await place();
    expect(chargedFor(tenOnly)).toBe(tenQuoted.total.amountMinor);
    expect(tenOnly.lines[0].priceBreakdown.map((l) => [l.promotionId, l.amount.amountMinor])).toEqual([[ten, '1000']]);

    // One second after the 10 % ends, the order pays list price.
    for (const service of ['orders', 'marketing'] as const)
      await moveClock(stack.settings, service, { setTo: new Date(T0.getTime() + HOUR + 1000).toISOString() });
    const afterQuoted = await quote();
    expect(afterQuoted).toMatchObject({ total: { amountMinor: '10000' }, layers: [] });
    const after = await place();
    expect(chargedFor(after)).toBe(afterQuoted.total.amountMinor);
    expect(after.sellerDiscount.amountMinor).toBe('0');
    expect(after.lines[0].priceBreakdown).toEqual([]);
  });

  it('quotes a cart with priceCart exactly as placeOrder then charges it, case by case', async () => {
    // The clocks stand one second past the first promotions' end; a new one runs from there for an hour.
    const now = new Date(T0.getTime() + HOUR + 1000);
    const result = await gql<{ createPromotion: { id: string } }>(seller, 'mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id } }', {
      input: {
        title: 'Fifteen percent off linen',
        discountBasisPoints: 1500,
        productIds: [productId],
        startsAt: now.toISOString(),
        endsAt: new Date(now.getTime() + HOUR).toISOString(),
        idempotencyKey: newIdempotencyKey(),
      },
    });
    expect(result.errors).toBeUndefined();
    await offersKnown(3);
    const plainSku = await flow.createSku(seller, { stock: 50, price: '3333', title: 'Plain cotton shirt' });
    // Buy more, save more on the plain shirt: 5 % from 2 units, 10 % from 4.
    const plainProduct = (
      await flow.catalog<{ _entities: Array<{ product: { id: string } }> }>(
        seller,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { product { id } } } }',
        {
          r: [{ __typename: 'Sku', id: plainSku }],
        },
      )
    ).data!._entities[0].product.id;
    await knownToMarketing(plainProduct);
    const tiered = await gql<{ createTieredPromotion: { id: string; type: string; tiers: unknown[] } }>(
      seller,
      'mutation($input: CreateTieredPromotionInput!) { createTieredPromotion(input: $input) { id type tiers { minQuantity discountBasisPoints } } }',
      {
        input: {
          title: 'Buy more shirts, save more',
          tiers: [
            { minQuantity: 2, discountBasisPoints: 500 },
            { minQuantity: 4, discountBasisPoints: 1000 },
          ],
          productIds: [plainProduct],
          startsAt: now.toISOString(),
          endsAt: new Date(now.getTime() + HOUR).toISOString(),
          idempotencyKey: newIdempotencyKey(),
        },
      },
    );
    expect(tiered.errors).toBeUndefined();
    expect(tiered.data!.createTieredPromotion).toMatchObject({ type: 'BUY_MORE_SAVE_MORE', tiers: [{ minQuantity: 2 }, { minQuantity: 4 }] });
    const tierId = tiered.data!.createTieredPromotion.id;
    await offersKnown(4);
    const shipping = await gql(seller, 'mutation($input: SetShopShippingInput!) { setShopShipping(input: $input) { shipping { isDefault } } }', {
      input: {
        flatFee: { amountMinor: '499', currencyCode: 'USD' },
        freeShippingThreshold: { amountMinor: '20000', currencyCode: 'USD' },
        idempotencyKey: newIdempotencyKey(),
      },
    });
    expect(shipping.errors).toBeUndefined();

    const money = '{ amountMinor }';
    const QUOTE = `query($input: PriceCartInput!) { priceCart(input: $input) { subtotal ${money} discount ${money} shippingFee ${money} total ${money}
      lines { sku { id } quantity discount ${money} total ${money} priceBreakdown { layer promotionId fundedBy amount ${money} } } } }`;
    const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { subtotal ${money} sellerDiscount ${money} shippingFee ${money} total ${money}
      lines { sku { id } quantity lineTotal ${money} sellerDiscount ${money} priceBreakdown { layer promotionId fundedBy amount ${money} } } } }`;
    type QuoteView = {
      subtotal: Money;
      discount: Money;
      shippingFee: Money;
      total: Money;
      lines: Array<{ sku: { id: string }; quantity: number; discount: Money; total: Money; priceBreakdown: unknown[] }>;
    };
    type OrderView = {
      subtotal: Money;
      sellerDiscount: Money;
      shippingFee: Money;
      total: Money;
      lines: Array<{ sku: { id: string }; quantity: number; lineTotal: Money; sellerDiscount: Money; priceBreakdown: unknown[] }>;
    };
    const carts = [
      [{ skuId, quantity: 1 }],
      [{ skuId, quantity: 3 }],
      [
        { skuId, quantity: 1 },
        { skuId: plainSku, quantity: 2 },
      ],
      [{ skuId: plainSku, quantity: 7 }], // past the free-shipping threshold, and the 10 % tier
      [{ skuId: plainSku, quantity: 1 }], // below every tier
    ];
    for (const lines of carts) {
      const quoted = await gql<{ priceCart: QuoteView }>(buyer, QUOTE, { input: { shopId: seller.sellerId, lines } });
      expect(quoted.errors).toBeUndefined();
      const placed = await gql<{ placeOrder: OrderView }>(buyer, PLACE, { input: { shopId: seller.sellerId, lines, idempotencyKey: newIdempotencyKey() } });
      expect(placed.errors).toBeUndefined();
      const q = quoted.data!.priceCart;
      const o = placed.data!.placeOrder;
      expect({ lines, subtotal: o.subtotal, discount: o.sellerDiscount, shippingFee: o.shippingFee, total: o.total }).toEqual({
        lines,
        subtotal: q.subtotal,
        discount: q.discount,
        shippingFee: q.shippingFee,
        total: q.total,
      });
      expect(
        o.lines.map((l) => [l.sku.id, l.quantity, String(BigInt(l.lineTotal.amountMinor) - BigInt(l.sellerDiscount.amountMinor)), l.priceBreakdown]),
      ).toEqual(q.lines.map((l) => [l.sku.id, l.quantity, l.total.amountMinor, l.priceBreakdown]));
    }
    // The tiers priced what they should: 2 units → 5 %, 7 units → 10 %, 1 unit → nothing (and said why).
    const tierOf = async (quantity: number) =>
      (
        await gql<{
          priceCart: {
            lines: Array<{ priceBreakdown: Array<{ layer: string; promotionId: string; amount: Money }> }>;
            skipped: Array<{ promotionId: string; reason: string }>;
          };
        }>(
          buyer,
          'query($input: PriceCartInput!) { priceCart(input: $input) { lines { priceBreakdown { layer promotionId amount { amountMinor } } } skipped { promotionId reason } } }',
          { input: { shopId: seller.sellerId, lines: [{ skuId: plainSku, quantity }] } },
        )
      ).data!.priceCart;
    expect((await tierOf(2)).lines[0].priceBreakdown).toEqual([{ layer: 'TIER', promotionId: tierId, amount: { amountMinor: '334' } }]); // 5 % of 3333, half-even, × 2
    expect((await tierOf(7)).lines[0].priceBreakdown).toEqual([{ layer: 'TIER', promotionId: tierId, amount: { amountMinor: '2331' } }]); // 333 × 7
    expect((await tierOf(1)).skipped).toEqual([{ promotionId: tierId, reason: 'MIN_QUANTITY_NOT_MET' }]);
    // Marketing's quote of the SKU agrees.
    const skuQuote = await gql<{ product: { skus: Array<{ id: string; effectivePrice: { total: Money } }> } }>(
      buyer,
      'query($id: ID!) { product(id: $id) { skus { id effectivePrice(quantity: 7) { total { amountMinor } } } } }',
      { id: plainProduct },
    );
    expect(skuQuote.data!.product.skus.find((k) => k.id === plainSku)!.effectivePrice.total.amountMinor).toBe(String(3333 * 7 - 2331));

    // A cart of a SKU the shop does not sell is refused as placeOrder refuses it.
    const unknown = await gql(buyer, 'query($input: PriceCartInput!) { priceCart(input: $input) { total { amountMinor } } }', {
      input: { shopId: seller.sellerId, lines: [{ skuId: 'sku_unknown', quantity: 1 }] },
    });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('stores the layers on the order line, so every discount traces to a published promotion', async () => {
    const rows = (
      await (
        await stack.db('orders')
      ).query<{ price_layers: Array<{ promotionId: string }>; seller_discount_minor: string }>(
        'SELECT price_layers, seller_discount_minor FROM order_lines WHERE seller_id = $1',
        [seller.sellerId],
      )
    ).rows;
    const published = new Set(
      (await (await stack.db('marketing')).query<{ id: string }>('SELECT id FROM promotions WHERE seller_id = $1', [seller.sellerId])).rows.map((r) => r.id),
    );
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      for (const layer of row.price_layers) expect(published.has(layer.promotionId)).toBe(true);
      expect(row.price_layers.reduce((sum, l) => sum + BigInt((l as unknown as { amountMinor: string }).amountMinor), 0n)).toBe(
        BigInt(row.seller_discount_minor),
      );
    }
  });
});
