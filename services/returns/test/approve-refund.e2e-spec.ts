import { Client } from 'pg';
import { newId } from '@sc/db';
import { RefundIssuedV1 } from '@sc/events';
import { OrderFixture, TestStack, errorCodes, eventFixture, newBuyer, newIdempotencyKey, newSeller, outboxEvents, startTestStack } from '@sc/testing';
import { OrderFeed, fixtureOrder, lineIdsOf } from './support/order-feed';
import { APPROVE_REFUND, LineUnits, ReturnRequestType, ReturnsApi, dataOf, fieldErrors, firstErrorExtensions } from './support/returns-api';
import { refundRows, waitForPublished, waitForShipped } from './support/returns-db';

// The seller's refund decision with returns alone, fed orders.order.v1 as orders publishes it: a refund-only
// request becomes a refund priced exactly from what the buyer paid (the lines' shares of the shop's shipping
// fee as orders split them), and `refund.issued` leaves in the outbox. The same chain through the real orders
// (its fee split, its total, its dashboard) is gateway/test/flows/returns-refund-flow.e2e-spec.ts.
describe('approveRefund (returns, orders events as fixtures)', () => {
  let stack: TestStack;
  let returnsDb: Client;
  let api: ReturnsApi;
  let feed: OrderFeed;
  const seller = newSeller();
  const buyer = newBuyer();
  const [skuA, skuB] = [newId('sku'), newId('sku')];

  async function requestRefund(order: OrderFixture, lines: LineUnits[], type: ReturnRequestType = 'REFUND'): Promise<string> {
    const result = await api.requestReturn(buyer, { orderId: order.orderId, type, reason: 'NOT_AS_DESCRIBED', lines });
    return dataOf(result).requestReturn.id;
  }

  beforeAll(async () => {
    stack = await startTestStack('refunds', { subgraphs: ['returns'], env: { CLOCK_MODE: 'controlled' } });
    api = new ReturnsApi(stack);
    returnsDb = await stack.db('returns');
    feed = new OrderFeed(stack, returnsDb);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  describe('on a paid order', () => {
    // Both SKUs cost 2500: line totals 7500 and 2500; orders split the shop's flat 500 fee 375 + 125. Total 10500.
    // (Orders carry no discount until promotions price one; refunds of discounted lines are covered by refund-amounts.spec.ts.)
    const paid = fixtureOrder(seller, buyer, [
      { skuId: skuA, quantity: 3, shippingFee: '375' },
      { skuId: skuB, quantity: 1, shippingFee: '125' },
    ]);
    const [lineA, lineB] = lineIdsOf(paid);
    let firstReturnId: string;
    const firstKey = newIdempotencyKey();

    beforeAll(async () => {
      expect(paid.totalMinor).toBe(10500n);
      await feed.shipped([paid], { deliver: true });
      firstReturnId = await requestRefund(paid, [
        { orderLineId: lineA, quantity: 2 },
        { orderLineId: lineB, quantity: 1 },
      ]);
    });

    it('approves a refund-only request: SUCCESS, an exact refund and refund.issued in one transaction', async () => {
      const request = dataOf(await api.approveRefund(seller, firstReturnId, firstKey)).approveRefund;
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
            { orderLineId: lineA, quantity: 2, amount: { amountMinor: '5250' } },
            { orderLineId: lineB, quantity: 1, amount: { amountMinor: '2625' } },
          ],
        },
      });
      const refund = request.refund!;
      expect(refund.id).toMatch(/^rfd_/);

      const outbox = await returnsDb.query<{ topic: string; message_key: string }>(`SELECT topic, message_key FROM outbox WHERE event_type = 'refund.issued'`);
      expect(outbox.rows).toEqual([{ topic: 'returns.refund.v1', message_key: firstReturnId }]);
      const [issued] = await outboxEvents<RefundIssuedV1>(returnsDb, { type: 'refund.issued' });
      expect(issued).toMatchObject({
        sellerId: seller.sellerId,
        aggregateType: 'ReturnRequest',
        aggregateVersion: 2,
        actor: { type: 'SELLER_STAFF', id: seller.userId },
        payload: {
          refundId: refund.id,
          returnId: firstReturnId,
          cancellationId: null,
          orderId: paid.orderId,
          buyerId: buyer.userId,
          issuedAt: refund.issuedAt,
          total: { amountMinor: '7875', currencyCode: 'USD' },
          breakdown: { subtotal: { amountMinor: '7500', currencyCode: 'USD' }, shippingFee: { amountMinor: '375', currencyCode: 'USD' } },
          lines: [
            { orderLineId: lineA, quantity: 2, amount: { amountMinor: '5250', currencyCode: 'USD' } },
            { orderLineId: lineB, quantity: 1, amount: { amountMinor: '2625', currencyCode: 'USD' } },
          ],
        },
      });
      await waitForPublished(returnsDb, firstReturnId, 'refund.issued');
    });

    it('replays a retry with the same key and refuses the key with other input, writing nothing', async () => {
      const before = await refundRows(returnsDb);
      const again = await api.approveRefund(seller, firstReturnId, firstKey);
      expect(dataOf(again).approveRefund).toMatchObject({
        id: firstReturnId,
        status: 'RETURN_OR_REFUND_REQUEST_SUCCESS',
        refund: { amount: { amountMinor: '7875' } },
      });
      const otherInput = await api.approveRefund(seller, 'ret_someotherrequest0000000', firstKey);
      expect(errorCodes(otherInput)).toEqual(['IDEMPOTENCY_CONFLICT']);
      expect(await refundRows(returnsDb)).toEqual(before);
    });

    it('pays back exactly the rest when the last unit is refunded: all refunds sum to the order total', async () => {
      const lastReturnId = await requestRefund(paid, [{ orderLineId: lineA, quantity: 1 }]);
      const result = await api.approveRefund(seller, lastReturnId);
      // 7500 − 5000 = 2500 and 375 − 250 = 125: nothing lost to rounding.
      expect(dataOf(result).approveRefund.refund).toMatchObject({
        amount: { amountMinor: '2625' },
        subtotal: { amountMinor: '2500' },
        shippingFee: { amountMinor: '125' },
      });
      const total = await returnsDb.query<{ refunded: string }>('SELECT sum(total_minor)::text AS refunded FROM refunds WHERE order_id = $1', [paid.orderId]);
      expect(total.rows[0].refunded).toBe('10500');
    });

    it('shows the refund on Order.returns to the shop and the buyer, with one statement per entity type', async () => {
      type OrderRefunds = {
        returns: Array<{ id: string; status: string; refund: { amount: { amountMinor: string }; lines: Array<{ quantity: number }> } | null }>;
      };
      for (const identity of [seller, buyer]) {
        const result = await api.entities<OrderRefunds>(identity, 'Order', 'returns { id status refund { amount { amountMinor } lines { quantity } } }', [
          paid.orderId,
        ]);
        const [order] = dataOf(result)._entities;
        expect(order?.returns.map((r) => r.refund?.amount.amountMinor)).toEqual(['7875', '2625']);
        // Requests, their refunds, the refunds' lines.
        expect(result.extensions?.sqlStatements).toBe(3);
      }
    });

    it('refuses another seller (NOT_FOUND), a buyer (FORBIDDEN) and a second decision (INVALID_TRANSITION), writing nothing', async () => {
      const before = await refundRows(returnsDb);
      expect(errorCodes(await api.approveRefund(newSeller(), firstReturnId))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await api.approveRefund(seller, 'ret_doesnotexist0000000000'))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await api.approveRefund(buyer, firstReturnId))).toEqual(['FORBIDDEN']);
      const twice = await api.approveRefund(seller, firstReturnId);
      expect(errorCodes(twice)).toEqual(['INVALID_TRANSITION']);
      expect(firstErrorExtensions(twice).from).toBe('RETURN_OR_REFUND_REQUEST_SUCCESS');
      expect(await refundRows(returnsDb)).toEqual(before);
    });
  });

  it('refunds from the shares orders re-split at a partial cancellation: everything shipped comes back to exactly what was paid', async () => {
    // Lines 3 × 2500 and 2 × 2500: orders split the fee 500 → 300 + 200; total 13000.
    const placed = fixtureOrder(seller, buyer, [
      { skuId: skuA, quantity: 3, shippingFee: '300' },
      { skuId: skuB, quantity: 2, shippingFee: '200' },
    ]);
    const [lineA, lineB] = lineIdsOf(placed);
    await feed.placed([placed]);
    await feed.feed([...placed.pay(), ...placed.releaseHold()]);
    // One unit of B is cancelled: orders re-splits the whole fee over 7500 and 2500, and the buyer has paid 13000 − 2500.
    const cancellation = placed.cancelLines({ lines: [{ orderLineId: lineB, quantity: 1 }], reason: 'SELLER_FAULT: OUT_OF_STOCK' });
    expect(cancellation[0].payload).toMatchObject({ cancelledAmount: { amountMinor: '2500' }, total: { amountMinor: '10500' } });
    await feed.feed(cancellation);
    type ShareRow = { order_line_id: string; live_quantity: number; seller_discount_minor: string; shipping_fee_minor: string };
    const byLine = (a: ShareRow, b: ShareRow) => (a.order_line_id < b.order_line_id ? -1 : 1);
    const shares = async () =>
      (
        await returnsDb.query<ShareRow>(
          `SELECT order_line_id, live_quantity, seller_discount_minor, shipping_fee_minor FROM order_line_shares WHERE order_id = $1`,
          [placed.orderId],
        )
      ).rows.sort(byLine);
    const resplit = [
      { order_line_id: lineA, live_quantity: 3, seller_discount_minor: '0', shipping_fee_minor: '375' },
      { order_line_id: lineB, live_quantity: 1, seller_discount_minor: '0', shipping_fee_minor: '125' },
    ].sort(byLine);
    expect(await shares()).toEqual(resplit);

    // A late, older snapshot (a lower order version) changes nothing, however it arrives.
    const stale = eventFixture('orders.order.v1', 'order.lines_cancelled', {
      source: 'orders',
      sellerId: seller.sellerId!,
      aggregateType: 'Order',
      aggregateId: placed.orderId,
      aggregateVersion: 1,
      actor: { type: 'SYSTEM', id: null },
      payload: {
        orderId: placed.orderId,
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
    await feed.feed([stale]);
    expect(await shares()).toEqual(resplit);

    await feed.feed([...placed.pack(), ...placed.ship(), ...placed.inTransit(), ...placed.deliver()]);
    await waitForShipped(returnsDb, placed.orderId, 4, 'DELIVERED');

    // A: 7500 × 2/3 = 5000 + 375 × 2/3 = 250; B's live unit: 2500 + 125 (placement shares would give 2500 + 100).
    const first = await api.approveRefund(
      seller,
      await requestRefund(placed, [
        { orderLineId: lineA, quantity: 2 },
        { orderLineId: lineB, quantity: 1 },
      ]),
    );
    expect(dataOf(first).approveRefund.refund).toMatchObject({
      amount: { amountMinor: '7875' },
      lines: [
        { orderLineId: lineA, amount: { amountMinor: '5250' } },
        { orderLineId: lineB, amount: { amountMinor: '2625' } },
      ],
    });
    const last = await api.approveRefund(seller, await requestRefund(placed, [{ orderLineId: lineA, quantity: 1 }]));
    expect(dataOf(last).approveRefund.refund).toMatchObject({
      amount: { amountMinor: '2625' },
      subtotal: { amountMinor: '2500' },
      shippingFee: { amountMinor: '125' },
    });
    const refunded = await returnsDb.query<{ total: string; shipping: string }>(
      'SELECT sum(total_minor)::text AS total, sum(shipping_fee_minor)::text AS shipping FROM refunds WHERE order_id = $1',
      [placed.orderId],
    );
    // Exactly the total order.lines_cancelled said the buyer paid, and the whole fee.
    expect(refunded.rows[0]).toEqual({ total: '10500', shipping: '500' });
  });

  it('refuses a return-and-refund request (refunded on receipt, not on approval), and a refund request on an unpaid order', async () => {
    const paid = fixtureOrder(seller, buyer, [{ skuId: skuA, quantity: 1, shippingFee: '500' }]);
    const unpaid = fixtureOrder(seller, buyer, [{ skuId: skuB, quantity: 1, shippingFee: '500' }]);
    await feed.shipped([paid], { deliver: true });
    await feed.placed([unpaid]);
    const returnAndRefund = await requestRefund(paid, [{ orderLineId: lineIdsOf(paid)[0], quantity: 1 }], 'RETURN_AND_REFUND');
    const before = await refundRows(returnsDb);
    expect(errorCodes(await api.approveRefund(seller, returnAndRefund))).toEqual(['INVALID_TRANSITION']);
    // An unpaid order has shipped nothing: no after-sales request to approve in the first place.
    const notPaid = await api.requestReturn(buyer, {
      orderId: unpaid.orderId,
      type: 'REFUND',
      reason: 'NOT_AS_DESCRIBED',
      lines: [{ orderLineId: lineIdsOf(unpaid)[0], quantity: 1 }],
    });
    expect(errorCodes(notPaid)).toEqual(['INVALID_TRANSITION']);
    expect(firstErrorExtensions(notPaid)).toMatchObject({ entity: 'Order', from: 'UNPAID', reason: 'NOT_SHIPPED' });
    expect(await refundRows(returnsDb)).toEqual(before);
    const read = await api.call<{ returnRequest: { status: string; type: ReturnRequestType; refund: { id: string } | null } | null }>(
      seller,
      `query($id: ID!) { returnRequest(id: $id) { status type refund { id } } }`,
      { id: returnAndRefund },
    );
    expect(dataOf(read).returnRequest).toEqual({ status: 'RETURN_OR_REFUND_REQUEST_PENDING', type: 'RETURN_AND_REFUND', refund: null });
  });

  it('refuses malformed input with every problem listed, writing nothing', async () => {
    const before = await refundRows(returnsDb);
    const bad = await api.call(seller, APPROVE_REFUND, { input: { returnId: 'ord_notareturn', idempotencyKey: 'short' } });
    expect(errorCodes(bad)).toEqual(['VALIDATION_FAILED']);
    expect(fieldErrors(bad).map((f) => f.field)).toEqual(['idempotencyKey', 'returnId']);
    expect(await refundRows(returnsDb)).toEqual(before);
  });
});
