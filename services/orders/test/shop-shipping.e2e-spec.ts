import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { TestStack, errorCodes, eventually, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';
import { announceLiveProduct, announceShop, reserveStock } from './support/catalog-feed';
import { MoneyView, ordersCaller } from './support/order-flow';

// Money on an order comes only from the server's own data: prices from orders' catalog read model, the
// shipping fee from the shop's shipping setting, no discount until promotions price one. Orders alone, called
// as the gateway calls it, with catalog's shop (currency) and SKUs announced as fixtures; the same refusals
// at the gateway, and the setting read through the composed graph, are gateway/test/flows/shop-shipping.e2e-spec.ts.
describe('shipping from the shop, no money from the buyer (orders, catalog events as fixtures)', () => {
  let stack: TestStack;
  let db: Client;
  const seller = newSeller();
  const otherSeller = newSeller();
  const buyer = newBuyer();
  const carrier: Identity = { userId: 'car_ups', sellerId: null, roles: ['CARRIER'] };
  const platform: Identity = { userId: 'ops_1', sellerId: null, roles: ['PLATFORM'] };
  let skuId: string;

  const orders = ordersCaller(() => stack);

  /** The shop's shipping setting as orders answers it. */
  interface ShippingView {
    flatFee: MoneyView;
    freeShippingThreshold: MoneyView | null;
    isDefault: boolean;
  }
  /** The money of an order placed against that setting. */
  interface PlacedMoney {
    id: string;
    status: string;
    subtotal: MoneyView;
    shippingFee: MoneyView;
    sellerDiscount: MoneyView;
    total: MoneyView;
    lines: Array<{ shippingFee: MoneyView; sellerDiscount: MoneyView }>;
  }

  const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;
  const SETTINGS = 'shipping { flatFee { amountMinor currencyCode } freeShippingThreshold { amountMinor currencyCode } isDefault }';
  const SHOP_SETTINGS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { orderSettings { ${SETTINGS} } } } }`;
  const setShipping = (identity: Identity, input: Record<string, unknown>) =>
    orders<{ setShopShipping: { shipping: ShippingView } }>(
      identity,
      `mutation($input: SetShopShippingInput!) { setShopShipping(input: $input) { ${SETTINGS} } }`,
      {
        input: { idempotencyKey: newIdempotencyKey(), ...input },
      },
    );
  const usd = (amountMinor: string) => ({ amountMinor, currencyCode: 'USD' });

  // The audit trail's rows are left out of the outbox: setting shipping records one, which the relay marks published later.
  const rowsOf = (table: string) => (table === 'outbox' ? `(SELECT * FROM outbox WHERE topic <> 'orders.audit.v1')` : table);
  /** A digest of every table placing an order or setting shipping could write. */
  const snapshot = async () =>
    (
      await db.query(
        `SELECT ${['orders', 'order_lines', 'order_timers', 'outbox', 'idempotency_keys', 'shop_order_settings']
          .map((t) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM ${rowsOf(t)} x) AS ${t}`)
          .join(', ')}`,
      )
    ).rows[0];

  /** Places an order of `quantity` units of the 10.00 USD SKU; returns its money once catalog (a fixture) has reserved it. */
  async function placed(quantity: number): Promise<PlacedMoney> {
    const result = await orders<{ placeOrder: { id: string } }>(buyer, PLACE, {
      input: { shopId: seller.sellerId, lines: [{ skuId, quantity }], idempotencyKey: newIdempotencyKey() },
    });
    expect(result.errors).toBeUndefined();
    const id = result.data!.placeOrder.id;
    await reserveStock(stack, id);
    return eventually(
      async () =>
        (
          await orders<{ order: PlacedMoney }>(
            seller,
            `query($id: ID!) { order(id: $id) { id status subtotal { amountMinor } shippingFee { amountMinor currencyCode } sellerDiscount { amountMinor } total { amountMinor }
          lines { shippingFee { amountMinor } sellerDiscount { amountMinor } } } }`,
            { id },
          )
        ).data!.order,
      (order) => order?.status === 'UNPAID',
    );
  }

  beforeAll(async () => {
    stack = await startTestStack('shipping', { subgraphs: ['orders'] });
    db = await stack.db('orders');
    await announceShop(stack, seller, { name: 'Shipping shop', currencyCode: 'USD', timeZone: 'America/New_York' });
    ({
      skuIds: [skuId],
    } = await announceLiveProduct(stack, seller, { title: 'Canvas tote', skus: [{ price: '1000' }] }));
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('refuses a placeOrder carrying a discount, a shipping fee or any other amount with a GraphQL validation error, and writes nothing', async () => {
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
      const result = await orders(buyer, PLACE, { input });
      expect([name, result.data ?? null]).toEqual([name, null]);
      expect([name, result.errors?.map((e) => e.message)]).toEqual([name, [expect.stringMatching(/is not defined by type "PlaceOrder(Line)?Input"/)]]);
      // Refused while coercing the variables, before any resolver runs.
      expect([name, errorCodes(result)]).toEqual([name, ['BAD_USER_INPUT']]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("charges the shop's flat fee below its free-shipping threshold and nothing from it on", async () => {
    const current = async () => {
      const result = await orders<{ _entities: Array<{ orderSettings: { shipping: ShippingView } }> }>(seller, SHOP_SETTINGS, {
        r: [{ __typename: 'Shop', id: seller.sellerId }],
      });
      expect(result.errors).toBeUndefined();
      return result.data!._entities[0].orderSettings.shipping;
    };
    expect(await current()).toEqual({ flatFee: { amountMinor: '0', currencyCode: 'USD' }, freeShippingThreshold: null, isDefault: true });
    const before = await placed(4);
    expect(before).toMatchObject({ subtotal: { amountMinor: '4000' }, shippingFee: { amountMinor: '0' }, total: { amountMinor: '4000' } });

    const set = await setShipping(seller, { flatFee: usd('599'), freeShippingThreshold: usd('5000') });
    expect(set.errors).toBeUndefined();
    const expected = {
      flatFee: { amountMinor: '599', currencyCode: 'USD' },
      freeShippingThreshold: { amountMinor: '5000', currencyCode: 'USD' },
      isDefault: false,
    };
    expect(set.data!.setShopShipping.shipping).toEqual(expected);
    expect(await current()).toEqual(expected);

    expect(await placed(4)).toEqual({
      id: expect.stringMatching(/^ord_/),
      status: 'UNPAID',
      subtotal: { amountMinor: '4000' },
      shippingFee: { amountMinor: '599', currencyCode: 'USD' },
      sellerDiscount: { amountMinor: '0' },
      total: { amountMinor: '4599' },
      lines: [{ shippingFee: { amountMinor: '599' }, sellerDiscount: { amountMinor: '0' } }],
    });
    expect(await placed(6)).toMatchObject({ subtotal: { amountMinor: '6000' }, shippingFee: { amountMinor: '0' }, total: { amountMinor: '6000' } });
    // Exactly at the threshold ships free.
    expect(await placed(5)).toMatchObject({ shippingFee: { amountMinor: '0' }, total: { amountMinor: '5000' } });
    // The order placed before the setting keeps what it was charged.
    const again = await orders<{ order: Pick<PlacedMoney, 'shippingFee' | 'total'> }>(
      seller,
      `query($id: ID!) { order(id: $id) { shippingFee { amountMinor } total { amountMinor } } }`,
      { id: before.id },
    );
    expect(again.data!.order).toEqual({ shippingFee: { amountMinor: '0' }, total: { amountMinor: '4000' } });
  });

  it("refuses negative amounts, another currency and callers who are not the shop's staff, with typed errors and nothing written", async () => {
    const usedKey = newIdempotencyKey();
    expect((await setShipping(seller, { flatFee: usd('599'), freeShippingThreshold: usd('5000'), idempotencyKey: usedKey })).errors).toBeUndefined();
    const before = await snapshot();
    const cases: Array<[string, Identity, Record<string, unknown>, string, string[]?]> = [
      ['negative flat fee', seller, { flatFee: usd('-1') }, 'VALIDATION_FAILED', ['flatFee.amountMinor']],
      ['negative threshold', seller, { flatFee: usd('599'), freeShippingThreshold: usd('-5000') }, 'VALIDATION_FAILED', ['freeShippingThreshold.amountMinor']],
      ['zero threshold', seller, { flatFee: usd('599'), freeShippingThreshold: usd('0') }, 'VALIDATION_FAILED', ['freeShippingThreshold.amountMinor']],
      ['fractional fee', seller, { flatFee: usd('5.99') }, 'VALIDATION_FAILED', ['flatFee.amountMinor']],
      ['fee past the price bound', seller, { flatFee: usd('1000000000000001') }, 'VALIDATION_FAILED', ['flatFee.amountMinor']],
      [
        'another currency',
        seller,
        { flatFee: { amountMinor: '599', currencyCode: 'EUR' }, freeShippingThreshold: { amountMinor: '5000', currencyCode: 'EUR' } },
        'VALIDATION_FAILED',
        ['flatFee.currencyCode', 'freeShippingThreshold.currencyCode'],
      ],
      ['key reused with other amounts', seller, { flatFee: usd('1'), idempotencyKey: usedKey }, 'IDEMPOTENCY_CONFLICT'],
      ['by a buyer', buyer, { flatFee: usd('0') }, 'FORBIDDEN'],
      ['by a carrier', carrier, { flatFee: usd('0') }, 'FORBIDDEN'],
      ['by the platform', platform, { flatFee: usd('0') }, 'FORBIDDEN'],
      ['by a seller whose shop orders does not know', otherSeller, { flatFee: usd('0') }, 'NOT_FOUND'],
    ];
    for (const [name, identity, input, code, fields] of cases) {
      const result = await setShipping(identity, input);
      expect([name, result.data ?? null, errorCodes(result)]).toEqual([name, null, [code]]);
      if (fields) expect([name, (result.errors![0].extensions!.fields as Array<{ field: string }>).map((f) => f.field)]).toEqual([name, fields]);
    }
    // Another shop's staff cannot even read the setting.
    const foreign = await orders(otherSeller, SHOP_SETTINGS, { r: [{ __typename: 'Shop', id: seller.sellerId }] });
    expect(errorCodes(foreign)).toEqual(['FORBIDDEN']);
    expect(await snapshot()).toEqual(before);
    expect((await placed(4)).shippingFee).toEqual({ amountMinor: '599', currencyCode: 'USD' });
  });
});
