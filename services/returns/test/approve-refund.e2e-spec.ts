import { Client } from 'pg';
import { Identity } from '@sc/auth';
import {
  TestStack,
  errorCodes,
  eventually,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  publishRaw,
  startTestStack,
  waitForShopInOrders,
  testEvent,
} from '@sc/testing';
import {
  HOUR,
  REQUEST_RETURN,
  caller,
  createSku,
  entitiesQuery,
  moveOrdersClock,
  ordersMutation,
  shipPackage,
  waitForProjection,
  waitForShipped,
} from './return-flow.helpers';

// Orders runs a controlled clock so paid orders get past the buyer-remorse hour and ship.
process.env.CLOCK_MODE = 'controlled';

// The seller's refund decision with catalog, orders and returns over real Kafka and PostgreSQL: a refund-only
// request becomes a refund priced exactly from what the buyer paid, and `refund.issued` leaves in the outbox.
describe('approveRefund (catalog + orders + returns)', () => {
  let stack: TestStack;
  let returnsDb: Client;
  const seller = newSeller();
  const buyer = newBuyer();
  let returns: ReturnType<typeof caller>;
  let orders: ReturnType<typeof caller>;
  let skuA: string;
  let skuB: string;

  const APPROVE = `mutation($input: ReturnDecisionInput!) {
    approveRefund(input: $input) { id status type refund { id status amount { amountMinor currencyCode } subtotal { amountMinor } shippingFee { amountMinor } issuedAt lines { orderLineId quantity amount { amountMinor } } } }
  }`;
  const approve = (identity: Identity, returnId: string, idempotencyKey = newIdempotencyKey()) =>
    returns(identity, APPROVE, { input: { returnId, idempotencyKey } });

  /** Row counts of everything approveRefund writes, and the statuses of the requests. */
  const written = async () =>
    (
      await returnsDb.query(
        `SELECT (SELECT count(*) FROM refunds)::int AS refunds, (SELECT count(*) FROM refund_lines)::int AS lines,
                (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM idempotency_keys)::int AS keys,
                (SELECT string_agg(status || ':' || version, ',' ORDER BY id) FROM return_requests) AS requests`,
      )
    ).rows[0];

  /**
   * An order placed (the shop's 5.00 shipping fee split across its lines), once returns knows it;
   * with `pay`, also paid, shipped and delivered in full (after-sales requests need shipped units).
   */
  async function order(lines: Array<{ skuId: string; quantity: number }>, pay: boolean): Promise<{ id: string; lineIds: string[] }> {
    const placed = await orders(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id lines { id } } }`, {
      input: {
        shopId: seller.sellerId,
        lines,
        idempotencyKey: newIdempotencyKey(),
      },
    });
    expect(placed.errors).toBeUndefined();
    const { id, lines: placedLines } = (placed.data as any).placeOrder as { id: string; lines: Array<{ id: string }> };
    await eventually(
      async () => ((await orders(seller, `query($id: ID!) { order(id: $id) { status } }`, { id })).data as any).order.status,
      (s) => s === 'UNPAID',
    );
    await waitForProjection(returnsDb, id, 'UNPAID', lines.length);
    if (pay) {
      const paid = await orders(buyer, `mutation($input: OrderCommandInput!) { payOrder(input: $input) { status } }`, {
        input: { orderId: id, idempotencyKey: newIdempotencyKey() },
      });
      expect(paid.errors).toBeUndefined();
      await eventually(
        async () => (await returnsDb.query('SELECT paid_at FROM orders WHERE id = $1', [id])).rows[0]?.paid_at,
        (at) => !!at,
      );
      await moveOrdersClock(stack, HOUR + 1);
      await shipPackage(
        stack,
        seller,
        { id, lineIds: placedLines.map((l) => l.id) },
        lines.map((l) => l.quantity),
        true,
      );
      await waitForShipped(
        returnsDb,
        id,
        lines.reduce((sum, l) => sum + l.quantity, 0),
        'DELIVERED',
      );
    }
    return { id, lineIds: placedLines.map((l) => l.id) };
  }

  async function requestRefund(orderId: string, lines: Array<{ orderLineId: string; quantity: number }>, type = 'REFUND'): Promise<string> {
    const result = await returns(buyer, REQUEST_RETURN, { input: { orderId, type, reason: 'NOT_AS_DESCRIBED', lines, idempotencyKey: newIdempotencyKey() } });
    expect(result.errors).toBeUndefined();
    return (result.data as any).requestReturn.id;
  }

  beforeAll(async () => {
    stack = await startTestStack('refunds', { subgraphs: ['catalog', 'orders', 'returns'] });
    returns = caller(stack, 'returns');
    orders = caller(stack, 'orders');
    returnsDb = await stack.db('returns');
    const shop = await caller(stack, 'catalog')(
      seller,
      `mutation { registerShop(input: { name: "Refund shop", currencyCode: "USD", timeZone: "America/New_York" }) { id } }`,
    );
    expect(shop.errors).toBeUndefined();
    // Shipping is the shop's setting: a flat 5.00 per order. (Orders carry no discount until promotions price
    // one; refunds of discounted lines are covered by refund-amounts.spec.ts.)
    await waitForShopInOrders(await stack.db('orders'), seller.sellerId!);
    await ordersMutation(stack, seller, 'setShopShipping', 'SetShopShippingInput', { flatFee: { amountMinor: '500', currencyCode: 'USD' } }, 'region');
    [skuA, skuB] = await Promise.all([createSku(stack, seller, 50), createSku(stack, seller, 50)]);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  describe('on a paid order', () => {
    let paid: { id: string; lineIds: string[] };
    let firstReturnId: string;
    const firstKey = newIdempotencyKey();

    beforeAll(async () => {
      // Both SKUs cost 2500: line totals 7500 and 2500; shipping 500 → 375 + 125. Total 10500.
      paid = await order(
        [
          { skuId: skuA, quantity: 3 },
          { skuId: skuB, quantity: 1 },
        ],
        true,
      );
      firstReturnId = await requestRefund(paid.id, [
        { orderLineId: paid.lineIds[0], quantity: 2 },
        { orderLineId: paid.lineIds[1], quantity: 1 },
      ]);
    });

    it('approves a refund-only request: SUCCESS, an exact refund and refund.issued in one transaction', async () => {
      const result = await approve(seller, firstReturnId, firstKey);
      expect(result.errors).toBeUndefined();
      const request = (result.data as any).approveRefund;
      // Line A, 2 of 3 units: 7500 × 2/3 = 5000 + 375 × 2/3 = 250; line B, all: 2500 + 125.
      expect(request).toMatchObject({
        id: firstReturnId,
        status: 'RETURN_OR_REFUND_REQUEST_SUCCESS',
        type: 'REFUND',
        refund: {
          status: 'PENDING',
          amount: { amountMinor: '7875', currencyCode: 'USD' },
          subtotal: { amountMinor: '7500' },
          shippingFee: { amountMinor: '375' },
          lines: [
            { orderLineId: paid.lineIds[0], quantity: 2, amount: { amountMinor: '5250' } },
            { orderLineId: paid.lineIds[1], quantity: 1, amount: { amountMinor: '2625' } },
          ],
        },
      });
      expect(request.refund.id).toMatch(/^rfd_/);

      const outbox = await returnsDb.query(`SELECT topic, event_type, message_key, envelope FROM outbox WHERE event_type = 'refund.issued'`);
      expect(outbox.rows).toHaveLength(1);
      expect(outbox.rows[0]).toMatchObject({ topic: 'returns.refund.v1', message_key: firstReturnId });
      expect(outbox.rows[0].envelope).toMatchObject({
        sellerId: seller.sellerId,
        aggregateType: 'ReturnRequest',
        aggregateVersion: 2,
        actor: { type: 'SELLER_STAFF', id: seller.userId },
        payload: {
          refundId: request.refund.id,
          returnId: firstReturnId,
          cancellationId: null,
          orderId: paid.id,
          buyerId: buyer.userId,
          issuedAt: request.refund.issuedAt,
          total: { amountMinor: '7875', currencyCode: 'USD' },
          breakdown: { subtotal: { amountMinor: '7500', currencyCode: 'USD' }, shippingFee: { amountMinor: '375', currencyCode: 'USD' } },
          lines: [
            { orderLineId: paid.lineIds[0], quantity: 2, amount: { amountMinor: '5250', currencyCode: 'USD' } },
            { orderLineId: paid.lineIds[1], quantity: 1, amount: { amountMinor: '2625', currencyCode: 'USD' } },
          ],
        },
      });
      await eventually(
        async () => (await returnsDb.query(`SELECT published_at FROM outbox WHERE event_type = 'refund.issued'`)).rows[0].published_at,
        (at) => at !== null,
      );
    });

    it('replays a retry with the same key and refuses the key with other input, writing nothing', async () => {
      const before = await written();
      const again = await approve(seller, firstReturnId, firstKey);
      expect(again.errors).toBeUndefined();
      expect((again.data as any).approveRefund).toMatchObject({
        id: firstReturnId,
        status: 'RETURN_OR_REFUND_REQUEST_SUCCESS',
        refund: { amount: { amountMinor: '7875' } },
      });
      const otherInput = await approve(seller, 'ret_someotherrequest0000000', firstKey);
      expect(errorCodes(otherInput)).toEqual(['IDEMPOTENCY_CONFLICT']);
      expect(await written()).toEqual(before);
    });

    it('pays back exactly the rest when the last unit is refunded: all refunds sum to the order total', async () => {
      const lastReturnId = await requestRefund(paid.id, [{ orderLineId: paid.lineIds[0], quantity: 1 }]);
      const result = await approve(seller, lastReturnId);
      expect(result.errors).toBeUndefined();
      // 7500 − 5000 = 2500 and 375 − 250 = 125: nothing lost to rounding.
      expect((result.data as any).approveRefund.refund).toMatchObject({
        amount: { amountMinor: '2625' },
        subtotal: { amountMinor: '2500' },
        shippingFee: { amountMinor: '125' },
      });
      const total = await returnsDb.query('SELECT sum(total_minor)::text AS refunded FROM refunds WHERE order_id = $1', [paid.id]);
      expect(total.rows[0].refunded).toBe('10500');
    });

    it('shows the refund on Order.returns to the shop and the buyer, with one statement per entity type', async () => {
      const query = entitiesQuery('... on Order { returns { id status refund { amount { amountMinor } lines { quantity } } } }');
      for (const identity of [seller, buyer]) {
        const result = await returns(identity, query, { r: [{ __typename: 'Order', id: paid.id }] });
        expect(result.errors).toBeUndefined();
        const list = (result.data as any)._entities[0].returns;
        expect(list.map((r: any) => r.refund.amount.amountMinor)).toEqual(['7875', '2625']);
        // Requests, their refunds, the refunds' lines.
        expect(result.extensions?.sqlStatements).toBe(3);
      }
    });

    it('refuses another seller (NOT_FOUND), a buyer (FORBIDDEN) and a second decision (INVALID_TRANSITION), writing nothing', async () => {
      const before = await written();
      expect(errorCodes(await approve(newSeller(), firstReturnId))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await approve(seller, 'ret_doesnotexist0000000000'))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await approve(buyer, firstReturnId))).toEqual(['FORBIDDEN']);
      const twice = await approve(seller, firstReturnId);
      expect(errorCodes(twice)).toEqual(['INVALID_TRANSITION']);
      expect((twice.errors![0].extensions as any).from).toBe('RETURN_OR_REFUND_REQUEST_SUCCESS');
      expect(await written()).toEqual(before);
    });
  });

  it('refunds from the shares orders re-split at a partial cancellation: everything shipped comes back to exactly what was paid', async () => {
    // Lines 3 × 2500 and 2 × 2500: fee 500 → 300 + 200; total 13000.
    const placed = await order(
      [
        { skuId: skuA, quantity: 3 },
        { skuId: skuB, quantity: 2 },
      ],
      false,
    );
    const [lineA, lineB] = placed.lineIds;
    await ordersMutation(stack, buyer, 'payOrder', 'OrderCommandInput', { orderId: placed.id });
    await eventually(
      async () => (await returnsDb.query('SELECT paid_at FROM orders WHERE id = $1', [placed.id])).rows[0]?.paid_at,
      (at) => !!at,
    );
    await moveOrdersClock(stack, HOUR + 1);
    // One unit of B is cancelled: the whole fee is re-split over 7500 and 2500.
    await ordersMutation(stack, seller, 'cancelOrderLines', 'CancelOrderLinesInput', {
      orderId: placed.id,
      reason: 'OUT_OF_STOCK',
      lines: [{ orderLineId: lineB, quantity: 1 }],
    });
    const byLine = (a: { order_line_id: string }, b: { order_line_id: string }) => (a.order_line_id < b.order_line_id ? -1 : 1);
    const shares = async () =>
      (
        await returnsDb.query(`SELECT order_line_id, live_quantity, seller_discount_minor, shipping_fee_minor FROM order_line_shares WHERE order_id = $1`, [
          placed.id,
        ])
      ).rows.sort(byLine);
    const resplit = [
      { order_line_id: lineA, live_quantity: 3, seller_discount_minor: '0', shipping_fee_minor: '375' },
      { order_line_id: lineB, live_quantity: 1, seller_discount_minor: '0', shipping_fee_minor: '125' },
    ].sort(byLine);
    await eventually(shares, (rows) => rows.length === 2);
    expect(await shares()).toEqual(resplit);

    // A late, older snapshot (a lower order version) changes nothing, however it arrives.
    const stale = testEvent({
      type: 'order.lines_cancelled',
      source: 'orders',
      sellerId: seller.sellerId!,
      aggregateType: 'Order',
      aggregateId: placed.id,
      aggregateVersion: 1,
      actor: { type: 'SYSTEM', id: null },
      payload: {
        orderId: placed.id,
        reason: 'STALE',
        lines: [],
        lineShares: [lineA, lineB].map((orderLineId) => ({
          orderLineId,
          liveQuantity: 9,
          sellerDiscount: { amountMinor: '0', currencyCode: 'USD' },
          shippingFee: { amountMinor: '0', currencyCode: 'USD' },
        })),
      },
    });
    await publishRaw(stack.settings, 'orders.order.v1', [stale]);
    await eventually(
      async () => (await returnsDb.query('SELECT 1 FROM inbox WHERE event_id = $1', [stale.id])).rowCount,
      (n) => (n ?? 0) >= 1,
    );
    expect(await shares()).toEqual(resplit);

    await shipPackage(stack, seller, placed, [3, 1], true);
    await waitForShipped(returnsDb, placed.id, 4, 'DELIVERED');
    const paidTotal = (await orders(seller, `query($id: ID!) { order(id: $id) { total { amountMinor } } }`, { id: placed.id })).data as any;
    expect(paidTotal.order.total.amountMinor).toBe('10500'); // 13000 − 2500

    // A: 7500 × 2/3 = 5000 + 375 × 2/3 = 250; B's live unit: 2500 + 125 (placement shares would give 2500 + 100).
    const first = await approve(
      seller,
      await requestRefund(placed.id, [
        { orderLineId: lineA, quantity: 2 },
        { orderLineId: lineB, quantity: 1 },
      ]),
    );
    expect(first.errors).toBeUndefined();
    expect((first.data as any).approveRefund.refund).toMatchObject({
      amount: { amountMinor: '7875' },
      lines: [
        { orderLineId: lineA, amount: { amountMinor: '5250' } },
        { orderLineId: lineB, amount: { amountMinor: '2625' } },
      ],
    });
    const last = await approve(seller, await requestRefund(placed.id, [{ orderLineId: lineA, quantity: 1 }]));
    expect((last.data as any).approveRefund.refund).toMatchObject({
      amount: { amountMinor: '2625' },
      subtotal: { amountMinor: '2500' },
      shippingFee: { amountMinor: '125' },
    });
    const refunded = await returnsDb.query(
      'SELECT sum(total_minor)::text AS total, sum(shipping_fee_minor)::text AS shipping FROM refunds WHERE order_id = $1',
      [placed.id],
    );
    expect(refunded.rows[0]).toEqual({ total: '10500', shipping: '500' });
  });

  it('refuses a return-and-refund request (refunded on receipt, not on approval), and a refund request on an unpaid order', async () => {
    const paid = await order([{ skuId: skuA, quantity: 1 }], true);
    const returnAndRefund = await requestRefund(paid.id, [{ orderLineId: paid.lineIds[0], quantity: 1 }], 'RETURN_AND_REFUND');
    const unpaid = await order([{ skuId: skuB, quantity: 1 }], false);
    const before = await written();
    expect(errorCodes(await approve(seller, returnAndRefund))).toEqual(['INVALID_TRANSITION']);
    // An unpaid order has shipped nothing: no after-sales request to approve in the first place.
    const notPaid = await returns(buyer, REQUEST_RETURN, {
      input: {
        orderId: unpaid.id,
        type: 'REFUND',
        reason: 'NOT_AS_DESCRIBED',
        lines: [{ orderLineId: unpaid.lineIds[0], quantity: 1 }],
        idempotencyKey: newIdempotencyKey(),
      },
    });
    expect(errorCodes(notPaid)).toEqual(['INVALID_TRANSITION']);
    expect(notPaid.errors![0].extensions as any).toMatchObject({ entity: 'Order', from: 'UNPAID', reason: 'NOT_SHIPPED' });
    expect(await written()).toEqual(before);
    const read = await returns(seller, `query($id: ID!) { returnRequest(id: $id) { status type refund { id } } }`, { id: returnAndRefund });
    expect((read.data as any).returnRequest).toEqual({ status: 'RETURN_OR_REFUND_REQUEST_PENDING', type: 'RETURN_AND_REFUND', refund: null });
  });

  it('refuses malformed input with every problem listed, writing nothing', async () => {
    const before = await written();
    const bad = await returns(seller, APPROVE, { input: { returnId: 'ord_notareturn', idempotencyKey: 'short' } });
    expect(errorCodes(bad)).toEqual(['VALIDATION_FAILED']);
    expect((bad.errors![0].extensions as any).fields.map((f: any) => f.field)).toEqual(['idempotencyKey', 'returnId']);
    expect(await written()).toEqual(before);
  });
});
