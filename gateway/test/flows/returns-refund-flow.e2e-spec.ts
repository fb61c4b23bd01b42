import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { Identity } from '@sc/auth';
import {
  GraphQLResult,
  TestStack,
  callGateway,
  createLiveProduct,
  eventually,
  moveClock,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  startTestStack,
  waitForSellable,
  waitForShopInOrders,
} from '@sc/testing';

const HOUR = 3_600_000;
const CARRIER: Identity = { userId: 'car_ups', sellerId: null, roles: ['CARRIER'] };

/** An order as the flow reads it back through the gateway: orders' status and total, returns' requests and refunds. */
interface OrderWithRefunds {
  status: string;
  total: { amountMinor: string };
  returns: Array<{ type: string; status: string; refund: { amount: { amountMinor: string }; shippingFee: { amountMinor: string } } | null }>;
}

/** The dashboard figures the flow checks. */
interface SalesFigures {
  gmv: { amountMinor: string };
  refunds: { amountMinor: string };
  netSales: { amountMinor: string };
  orders: number;
}

// One refund across the real services behind the gateway (catalog, orders, returns over real Kafka and
// PostgreSQL): an order placed and paid through orders, a unit cancelled before shipment (orders re-splits
// the shop's shipping fee), shipped and delivered; the buyer's refund requests approved in returns, priced from
// orders' events; orders' order total and returns' refunds agree, and orders' dashboard counts the refunds.
// Each service's own rules are tested in its own specs, fed the other services' events as fixtures.
describe('returns refund flow (catalog + orders + returns through the gateway)', () => {
  let stack: TestStack;
  let ordersDb: Client;
  let returnsDb: Client;
  const seller = newSeller();
  const buyer = newBuyer();
  let orderId: string;
  let lineA: string;
  let lineB: string;

  const gql = <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown): Promise<GraphQLResult<T>> =>
    callGateway<T>(stack.gatewayUrl, stack.settings.clientTokenKey, identity, query, variables);

  /** Runs `name(input: …)` with a fresh idempotency key and returns its `id`, failing the test on errors. */
  async function command(identity: Identity, name: string, inputType: string, input: Record<string, unknown>): Promise<string> {
    const result = await gql<Record<string, { id: string }>>(identity, `mutation($input: ${inputType}!) { ${name}(input: $input) { id } }`, {
      input: { idempotencyKey: newIdempotencyKey(), ...input },
    });
    if (result.errors || !result.data) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    return result.data[name].id;
  }

  const approveRefund = async (returnId: string) => {
    const approved = await gql<{ approveRefund: { status: string; refund: { amount: { amountMinor: string } } | null } }>(
      seller,
      `mutation($input: ReturnDecisionInput!) { approveRefund(input: $input) { status refund { amount { amountMinor } } } }`,
      { input: { returnId, idempotencyKey: newIdempotencyKey() } },
    );
    expect(approved.errors).toBeUndefined();
    return approved.data!.approveRefund;
  };

  const requestRefund = (lines: Array<{ orderLineId: string; quantity: number }>) =>
    command(buyer, 'requestReturn', 'RequestReturnInput', { orderId, type: 'REFUND', reason: 'NOT_AS_DESCRIBED', lines });

  beforeAll(async () => {
    // Orders runs a controlled clock so the paid order gets past the buyer-remorse hour and ships.
    stack = await startTestStack('returnsflow', { subgraphs: ['catalog', 'orders', 'returns'], gateway: true, env: { CLOCK_MODE: 'controlled' } });
    ordersDb = await stack.db('orders');
    returnsDb = await stack.db('returns');
    const shop = await gql(seller, `mutation { registerShop(input: { name: "Refund flow shop", currencyCode: "USD", timeZone: "UTC" }) { id } }`);
    expect(shop.errors).toBeUndefined();
    // The shop's shipping: a flat 5.00 per order, which orders splits over the lines by their totals.
    await waitForShopInOrders(ordersDb, seller.sellerId!);
    const shipping = await gql(seller, `mutation($input: SetShopShippingInput!) { setShopShipping(input: $input) { region } }`, {
      input: { flatFee: { amountMinor: '500', currencyCode: 'USD' }, idempotencyKey: newIdempotencyKey() },
    });
    expect(shipping.errors).toBeUndefined();
    const { skuIds } = await createLiveProduct(gql, seller, {
      title: 'Linen shirt',
      skus: [
        { initialStock: 50, salesAttributes: [{ name: 'Colour', value: 'Blue' }] },
        { initialStock: 50, salesAttributes: [{ name: 'Colour', value: 'Red' }] },
      ],
    });
    await waitForSellable(ordersDb, skuIds);

    // 3 × 2500 and 2 × 2500 with the 500 fee (300 + 200): 13000, reserved by catalog, paid, out of the remorse hold.
    const placed = await gql<{ placeOrder: { id: string; lines: Array<{ id: string }> } }>(
      buyer,
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id lines { id } } }`,
      {
        input: {
          shopId: seller.sellerId,
          lines: [
            { skuId: skuIds[0], quantity: 3 },
            { skuId: skuIds[1], quantity: 2 },
          ],
          idempotencyKey: newIdempotencyKey(),
        },
      },
    );
    expect(placed.errors).toBeUndefined();
    orderId = placed.data!.placeOrder.id;
    [lineA, lineB] = placed.data!.placeOrder.lines.map((l) => l.id);
    const statusInOrders = async () =>
      (await gql<{ order: { status: string } }>(seller, `query($id: ID!) { order(id: $id) { status } }`, { id: orderId })).data?.order.status;
    await eventually(statusInOrders, (s) => s === 'UNPAID');
    await command(buyer, 'payOrder', 'OrderCommandInput', { orderId });
    await moveClock(stack.settings, 'orders', { advanceMs: HOUR + 1 });
    await eventually(statusInOrders, (s) => s === 'AWAITING_SHIPMENT');

    // One unit of the second line is cancelled before shipment; the rest ships in one package and is delivered.
    await command(seller, 'cancelOrderLines', 'CancelOrderLinesInput', { orderId, reason: 'OUT_OF_STOCK', lines: [{ orderLineId: lineB, quantity: 1 }] });
    const packageId = await command(seller, 'createPackage', 'CreatePackageInput', {
      orderId,
      lines: [
        { orderLineId: lineA, quantity: 3 },
        { orderLineId: lineB, quantity: 1 },
      ],
    });
    await command(seller, 'shipPackage', 'ShipPackageInput', {
      packageId,
      carrier: 'UPS',
      trackingNumber: `1Z${randomBytes(5).toString('hex').toUpperCase()}`,
    });
    await command(CARRIER, 'markPackageInTransit', 'PackageCommandInput', { packageId });
    await command(CARRIER, 'markPackageDelivered', 'PackageCommandInput', { packageId });

    // Returns learned all of it from orders' events: delivered, 4 units shipped.
    await eventually(
      async () =>
        (
          await returnsDb.query<{ status: string; shipped: number }>(
            `SELECT o.status, (SELECT COALESCE(sum(quantity), 0)::int FROM order_line_units u WHERE u.order_id = o.id AND u.kind = 'SHIPPED') AS shipped
               FROM orders o WHERE o.id = $1`,
            [orderId],
          )
        ).rows[0],
      (row) => row?.status === 'DELIVERED' && row.shipped === 4,
    );
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('refunds everything shipped to exactly what orders says was paid, from the fee shares orders re-split at the cancellation', async () => {
    // A: 7500 × 2/3 = 5000 + 375 × 2/3 = 250; B's live unit: 2500 + 125 (the placement shares would give 2500 + 100).
    expect(
      await approveRefund(
        await requestRefund([
          { orderLineId: lineA, quantity: 2 },
          { orderLineId: lineB, quantity: 1 },
        ]),
      ),
    ).toEqual({ status: 'RETURN_OR_REFUND_REQUEST_SUCCESS', refund: { amount: { amountMinor: '7875' } } });
    expect(await approveRefund(await requestRefund([{ orderLineId: lineA, quantity: 1 }]))).toEqual({
      status: 'RETURN_OR_REFUND_REQUEST_SUCCESS',
      refund: { amount: { amountMinor: '2625' } },
    });

    // One query across orders (status, total) and returns (Order.returns).
    const read = await gql<{ order: OrderWithRefunds }>(
      seller,
      `query($id: ID!) { order(id: $id) { status total { amountMinor } returns { type status refund { amount { amountMinor } shippingFee { amountMinor } } } } }`,
      { id: orderId },
    );
    expect(read.errors).toBeUndefined();
    const order = read.data!.order;
    expect(order.status).toBe('DELIVERED');
    expect(order.total.amountMinor).toBe('10500'); // 13000 − 2500
    const refunds = order.returns.map((r) => r.refund!);
    expect(order.returns.map((r) => `${r.type}:${r.status}`)).toEqual(['REFUND:RETURN_OR_REFUND_REQUEST_SUCCESS', 'REFUND:RETURN_OR_REFUND_REQUEST_SUCCESS']);
    expect(refunds.reduce((sum, r) => sum + BigInt(r.amount.amountMinor), 0n)).toBe(BigInt(order.total.amountMinor));
    expect(refunds.reduce((sum, r) => sum + BigInt(r.shippingFee.amountMinor), 0n)).toBe(500n);
  });

  it("shows the refunds on orders' dashboard: the paid order's GMV, the cancelled unit and the refunds bring net sales to zero", async () => {
    // The shop's days are UTC days; payment (orders' clock) and refunds (returns' clock) fall within a day of now.
    const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 24 * HOUR).toISOString().slice(0, 10);
    const current = await eventually(
      async () =>
        (
          await gql<{ shop: { salesSummary: { current: SalesFigures } } }>(
            seller,
            `query($range: SalesRangeInput!) { shop { salesSummary(range: $range) { current { gmv { amountMinor } refunds { amountMinor } netSales { amountMinor } orders } } } }`,
            { range: { preset: 'CUSTOM', from: day(-1), to: day(1) } },
          )
        ).data?.shop.salesSummary.current,
      (figures) => figures?.refunds.amountMinor === '10500',
    );
    expect(current).toEqual({ gmv: { amountMinor: '13000' }, refunds: { amountMinor: '10500' }, netSales: { amountMinor: '0' }, orders: 1 });
  });
});
