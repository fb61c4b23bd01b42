import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { TestStack, errorCodes, eventually, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';
import { flowOf } from './flow-support';

// Money on an order through the gateway, as clients call it (moved from services/orders/test, whose
// shop-shipping spec keeps the same refusals and the fee arithmetic at orders' subgraph): the gateway
// refuses buyer-sent amounts before any subgraph runs, with the subgraph's code; the shop's shipping setting
// is read on catalog's Shop through the composed graph, charged on orders catalog really reserved; and
// orders' typed refusals reach the client with their codes and fields. Catalog, orders and the gateway
// over real Kafka and PostgreSQL.
describe('shipping from the shop, no money from the buyer, through the gateway (catalog + orders + gateway)', () => {
  let stack: TestStack;
  let db: Client;
  const seller = newSeller();
  const otherSeller = newSeller();
  const buyer = newBuyer();
  let skuId: string;
  const flow = flowOf(() => stack);
  const gql = flow.gateway;

  type Money = { amountMinor: string; currencyCode?: string };
  type Shipping = { flatFee: Money; freeShippingThreshold: Money | null; isDefault: boolean };

  const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;
  const SETTINGS = 'shipping { flatFee { amountMinor currencyCode } freeShippingThreshold { amountMinor currencyCode } isDefault }';
  const setShipping = (identity: Identity, input: Record<string, unknown>) =>
    gql<{ setShopShipping: { shipping: Shipping } }>(identity, `mutation($input: SetShopShippingInput!) { setShopShipping(input: $input) { ${SETTINGS} } }`, {
      input: { idempotencyKey: newIdempotencyKey(), ...input },
    });
  const usd = (amountMinor: string) => ({ amountMinor, currencyCode: 'USD' });

  // The audit trail is left out of the outbox: a refused staff mutation records DENIED there, by design, and the
  // relay marks audit rows published later; what must not change is orders' own data and domain events.
  const rowsOf = (table: string) => (table === 'outbox' ? `(SELECT * FROM outbox WHERE topic <> 'orders.audit.v1')` : table);

  /** A digest of every table of orders placing an order or setting shipping could write. */
  const snapshot = async () =>
    (
      await db.query(
        `SELECT ${['orders', 'order_lines', 'order_timers', 'outbox', 'idempotency_keys', 'shop_order_settings']
          .map((t) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM ${rowsOf(t)} x) AS ${t}`)
          .join(', ')}`,
      )
    ).rows[0];

  /** Places an order of `quantity` units of the 10.00 USD SKU through the gateway; returns its money once catalog has reserved it. */
  async function placed(quantity: number) {
    type Placed = { status: string; subtotal: Money; shippingFee: Money; total: Money };
    const result = await gql<{ placeOrder: { id: string } }>(buyer, PLACE, {
      input: { shopId: seller.sellerId, lines: [{ skuId, quantity }], idempotencyKey: newIdempotencyKey() },
    });
    expect(result.errors).toBeUndefined();
    return eventually(
      async () =>
        (
          await gql<{ order: Placed }>(
            seller,
            `query($id: ID!) { order(id: $id) { status subtotal { amountMinor } shippingFee { amountMinor currencyCode } total { amountMinor } } }`,
            { id: result.data!.placeOrder.id },
          )
        ).data!.order,
      (order) => order?.status === 'UNPAID',
    );
  }

  beforeAll(async () => {
    stack = await startTestStack('shipping', { subgraphs: ['catalog', 'orders'], gateway: true });
    db = await stack.db('orders');
    await flow.registerShop(seller, { name: 'Shipping shop', timeZone: 'America/New_York' });
    skuId = await flow.createSku(seller, { title: 'Canvas tote', price: '1000', stock: 50 });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('refuses a placeOrder carrying a discount, a shipping fee or any other amount at the gateway, with the code the subgraph gives, and writes nothing', async () => {
    const before = await snapshot();
    const line = { skuId, quantity: 2 };
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['seller discount', { sellerDiscount: usd('1999') }],
      ['shipping fee', { shippingFee: usd('0') }],
      ['total', { total: usd('1') }],
      ['line price', { lines: [{ ...line, unitPrice: usd('1') }] }],
    ];
    for (const [name, extra] of attempts) {
      const input = { shopId: seller.sellerId, lines: [line], idempotencyKey: newIdempotencyKey(), ...extra };
      for (const [via, call] of [
        ['gateway', gql],
        ['subgraph', flow.orders],
      ] as const) {
        const result = await call(buyer, PLACE, { input });
        expect([name, via, result.data ?? null]).toEqual([name, via, null]);
        expect([name, via, result.errors?.map((e) => e.message)]).toEqual([
          name,
          via,
          [expect.stringMatching(/is not defined by type "PlaceOrder(Line)?Input"/)],
        ]);
        // Refused while coercing the variables, before any resolver runs: the same code from the gateway and the subgraph.
        expect([name, via, errorCodes(result)]).toEqual([name, via, ['BAD_USER_INPUT']]);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("reads and sets the shop's shipping on catalog's shop through the gateway, and charges it on orders catalog reserved", async () => {
    const current = async () => {
      const result = await gql<{ shop: { orderSettings: { shipping: Shipping } } }>(seller, `{ shop { orderSettings { ${SETTINGS} } } }`);
      expect(result.errors).toBeUndefined();
      return result.data!.shop.orderSettings.shipping;
    };
    expect(await current()).toEqual({ flatFee: { amountMinor: '0', currencyCode: 'USD' }, freeShippingThreshold: null, isDefault: true });
    expect(await placed(4)).toMatchObject({ subtotal: { amountMinor: '4000' }, shippingFee: { amountMinor: '0' }, total: { amountMinor: '4000' } });

    const set = await setShipping(seller, { flatFee: usd('599'), freeShippingThreshold: usd('5000') });
    expect(set.errors).toBeUndefined();
    const expected = { flatFee: usd('599'), freeShippingThreshold: usd('5000'), isDefault: false };
    expect(set.data!.setShopShipping.shipping).toEqual(expected);
    expect(await current()).toEqual(expected);
    expect(await placed(4)).toEqual({ status: 'UNPAID', subtotal: { amountMinor: '4000' }, shippingFee: usd('599'), total: { amountMinor: '4599' } });
    expect(await placed(5)).toMatchObject({ shippingFee: { amountMinor: '0' }, total: { amountMinor: '5000' } });
  });

  it("passes orders' typed refusals of setShopShipping to the client with their codes and fields, and nothing is written", async () => {
    const usedKey = newIdempotencyKey();
    expect((await setShipping(seller, { flatFee: usd('599'), freeShippingThreshold: usd('5000'), idempotencyKey: usedKey })).errors).toBeUndefined();
    const before = await snapshot();
    // One case per code (every case is checked at orders' subgraph in services/orders/test/shop-shipping.e2e-spec.ts).
    const cases: Array<[string, Identity, Record<string, unknown>, string, string[]?]> = [
      ['negative flat fee', seller, { flatFee: usd('-1') }, 'VALIDATION_FAILED', ['flatFee.amountMinor']],
      [
        'another currency',
        seller,
        { flatFee: { amountMinor: '599', currencyCode: 'EUR' }, freeShippingThreshold: { amountMinor: '5000', currencyCode: 'EUR' } },
        'VALIDATION_FAILED',
        ['flatFee.currencyCode', 'freeShippingThreshold.currencyCode'],
      ],
      ['key reused with other amounts', seller, { flatFee: usd('1'), idempotencyKey: usedKey }, 'IDEMPOTENCY_CONFLICT'],
      ['by a buyer', buyer, { flatFee: usd('0') }, 'FORBIDDEN'],
      // No shop registered in catalog, so the gateway resolves no access for this seller (orders' own spec checks NOT_FOUND for a shop it does not know).
      ['by a seller of a shop that was never registered', otherSeller, { flatFee: usd('0') }, 'FORBIDDEN'],
    ];
    for (const [name, identity, input, code, fields] of cases) {
      const result = await setShipping(identity, input);
      expect([name, result.data ?? null, errorCodes(result)]).toEqual([name, null, [code]]);
      if (fields) expect([name, (result.errors![0].extensions!.fields as Array<{ field: string }>).map((f) => f.field)]).toEqual([name, fields]);
    }
    expect(await snapshot()).toEqual(before);
  });
});
