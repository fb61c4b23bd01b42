import { newId } from '@sc/db';
import { OrderFixture, TestStack, errorCodes, eventually, newBuyer, newSeller, newStaffMember, publishRaw, startTestStack } from '@sc/testing';
import { Entities, marketingCaller } from './support/marketing-api';

// The lowest unit price paid per SKU in the last 30 days, from orders' `order.paid` as orders publishes it (the
// line's paid amount: its price less its discount share): marketing alone over real Kafka and PostgreSQL.
describe('lowest price paid in 30 days (marketing, order events as fixtures)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const marketing = marketingCaller(() => stack);
  const DAY = 86_400_000;
  const skuId = newId('sku');
  const unsold = newId('sku');
  const productId = newId('prd');

  beforeAll(async () => {
    stack = await startTestStack('lowest-price', { subgraphs: ['marketing'] });
  }, 240_000);
  afterAll(() => stack?.dispose());

  /** Publishes an order of `quantity` units at `unitPrice` less `discount`, paid `daysAgo` days ago. */
  const paidOrder = async (daysAgo: number, unitPrice: string, quantity = 1, discount = '0') => {
    const order = new OrderFixture(seller, buyer, { lines: [{ skuId, productId, quantity, unitPrice, sellerDiscount: discount }] });
    const events = [...order.place(), ...order.confirm(), ...order.pay({ at: new Date(Date.now() - daysAgo * DAY) })];
    await publishRaw(stack.settings, 'orders.order.v1', events);
    return events;
  };

  const LOWEST = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { id lowestPrice30d { amountMinor currencyCode } } } }';
  const representation = (id: string) => ({ __typename: 'Sku', id, productId, price: { amountMinor: '10000', currencyCode: 'USD' } });
  const lowestOf = async (identity = seller) =>
    marketing<Entities<{ id: string; lowestPrice30d: { amountMinor: string; currencyCode: string } | null }>>(identity, LOWEST, {
      r: [representation(skuId), representation(unsold)],
    });

  it("keeps the lowest unit price paid within 30 days, each line's discount taken off, for the shop's staff only", async () => {
    await paidOrder(40, '6000'); // outside the window
    const redelivered = await paidOrder(5, '9000', 2, '1000'); // (18000 − 1000) / 2 = 8500 a unit
    await paidOrder(0, '9500');
    await publishRaw(stack.settings, 'orders.order.v1', redelivered); // the same events again change nothing

    const answer = await eventually(
      () => lowestOf(),
      (r) => r.data?._entities[0]?.lowestPrice30d?.amountMinor === '8500',
    );
    expect(answer.data!._entities).toEqual([
      { id: skuId, lowestPrice30d: { amountMinor: '8500', currencyCode: 'USD' } },
      { id: unsold, lowestPrice30d: null },
    ]);
    const rows = await (await stack.db('marketing')).query<{ n: number }>('SELECT count(*)::int AS n FROM sku_paid_prices WHERE sku_id = $1', [skuId]);
    expect(rows.rows[0].n).toBe(3); // one row per day paid

    // A buyer sees nothing of it; a member without PROMOTIONS:VIEW is refused; another shop sees nothing.
    expect((await lowestOf(buyer)).data!._entities.map((e) => e.lowestPrice30d)).toEqual([null, null]);
    expect(errorCodes(await lowestOf(newStaffMember(seller, ['ORDERS:VIEW'])))).toContain('FORBIDDEN');
    expect((await lowestOf(newSeller())).data!._entities.map((e) => e.lowestPrice30d)).toEqual([null, null]);
  });
});
