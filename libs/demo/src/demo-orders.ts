import type { Identity } from '@sc/auth';
import { GatewayClient, retrying } from './gateway-client';
import { DEMO_BUYERS, DEMO_CARRIER, DEMO_SELLER } from './demo-identities';

/** Where the seed takes a demo order. */
export type DemoJourney = 'OUT_OF_STOCK' | 'AWAITING_SHIPMENT' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED_ON_REQUEST' | 'CANCELLATION_REQUESTED';

/** One demo order: who buys what, and how far the seed takes it. */
export interface DemoOrderPlan {
  buyer: number;
  lines: ReadonlyArray<readonly [sellerSku: string, quantity: number]>;
  journey: DemoJourney;
}

/**
 * The demo orders. Entry `i` writes with the keys `demo-<step>-<i>`, so entries are only ever appended:
 * reordering them would replay keys with other input.
 */
export const DEMO_ORDER_PLAN: readonly DemoOrderPlan[] = [
  {
    buyer: 0,
    lines: [
      ['TEE-BLK-M', 2],
      ['MUG-SAND', 1],
    ],
    journey: 'AWAITING_SHIPMENT',
  },
  { buyer: 1, lines: [['LAMP-NAT', 1]], journey: 'SHIPPED' }, // then a return request (demo-after-sales.ts)
  { buyer: 2, lines: [['SERUM-30', 3]], journey: 'DELIVERED' }, // then a refund the seller grants
  { buyer: 0, lines: [['TEE-WHT-M', 1]], journey: 'OUT_OF_STOCK' }, // catalog refuses, the order is cancelled
  { buyer: 1, lines: [['MUG-SAND', 1]], journey: 'CANCELLED_ON_REQUEST' },
  { buyer: 2, lines: [['TEE-BLK-L', 1]], journey: 'CANCELLATION_REQUESTED' },
];

/** A placed demo order and whether the seed took it all the way to its journey's end. */
export interface DemoOrder {
  index: number;
  id: string;
  buyer: Identity;
  plan: DemoOrderPlan;
  reached: boolean;
  lines: Array<{ id: string; quantity: number }>;
  /**
   * End of the buyer-remorse hold the order was still in when the seed moved on (a production stack runs the
   * real one-hour window); {@link finishHeldDemoOrders} takes it along its journey after that.
   */
  heldUntil?: Date;
}

// Longest remorse window the seed waits out in line; a longer one (production's hour) is left for later.
const MAX_HOLD_WAIT_MS = 60_000;
// After a hold ends, how long orders' timer may take to release it before the seed gives up on the order.
const RELEASE_GRACE_MS = 5 * 60_000;

/**
 * Places, pays and moves the demo orders along their journeys: paid orders are released from the
 * remorse hold by orders' timer (a non-production demo stack runs a zero-length window), then packed, shipped,
 * delivered by the demo carrier, or cancelled at the buyer's request. An order whose hold outlasts
 * what the seed waits in line (production's real hour) gets `heldUntil` and is left for
 * {@link finishHeldDemoOrders}. A rerun replays every key and changes nothing. An order an earlier demo
 * database left elsewhere (cancelled before the seed cancelled that way) stays as it is, logged.
 */
export async function seedDemoOrders(client: GatewayClient, skuIds: Record<string, string>, log: (msg: string) => void): Promise<DemoOrder[]> {
  const orders: DemoOrder[] = [];
  for (const [index, plan] of DEMO_ORDER_PLAN.entries()) {
    const buyer = DEMO_BUYERS[plan.buyer];
    const placed = await retrying(() =>
      client.run(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id lines { id quantity } } }`, {
        input: {
          shopId: DEMO_SELLER.sellerId,
          idempotencyKey: `demo-order-${index}`,
          lines: plan.lines.map(([sku, quantity]) => ({ skuId: skuIds[sku], quantity })),
        },
      }),
    );
    orders.push({ index, id: placed.placeOrder.id, buyer, plan, reached: false, lines: placed.placeOrder.lines });
  }
  log(`orders: ${orders.length}`);

  const paid = orders.filter((o) => o.plan.journey !== 'OUT_OF_STOCK');
  for (const order of paid) order.reached = await payDemoOrder(client, order);
  log(`paid orders: ${paid.filter((o) => o.reached).length}`);

  for (const order of paid) {
    if (!order.reached) continue;
    const release = await waitForRelease(client, order, Date.now() + MAX_HOLD_WAIT_MS);
    if (release !== true) {
      order.reached = false;
      order.heldUntil = release;
      continue;
    }
    order.reached = await tolerating(order, log, () => followJourney(client, order));
  }
  orders.find((o) => o.plan.journey === 'OUT_OF_STOCK')!.reached = true;
  log(`order journeys: ${orders.map((o) => `${o.plan.journey}${o.reached ? '' : o.heldUntil ? ' (after the hold)' : ' (skipped)'}`).join(', ')}`);
  return orders;
}

/** Pays the order; false when an earlier demo database let it expire unpaid. */
async function payDemoOrder(client: GatewayClient, order: DemoOrder): Promise<boolean> {
  return retrying(async () => {
    try {
      await client.run(order.buyer, `mutation($input: OrderCommandInput!) { payOrder(input: $input) { id } }`, {
        input: { orderId: order.id, idempotencyKey: `demo-pay-${order.index}` },
      });
      return true;
    } catch (error) {
      // PENDING until catalog has reserved the stock: try again.
      const status = (await readOrder(client, order)).status;
      if (status === 'PENDING' || status === 'UNPAID') throw error;
      return false;
    }
  });
}

/**
 * Waits until orders' timer releases the order's remorse hold: true once it has, or the hold's end when that
 * lies beyond `deadline` (or the deadline passed), so the caller can come back then.
 */
async function waitForRelease(client: GatewayClient, order: DemoOrder, deadline: number): Promise<true | Date> {
  for (;;) {
    const { status, remorseEndsAt } = await readOrder(client, order);
    if (status !== 'ON_HOLD') return true;
    const endsAt = new Date(remorseEndsAt);
    if (endsAt.getTime() > deadline || Date.now() > deadline) return endsAt;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Takes the orders {@link seedDemoOrders} left in their remorse hold along their journeys once the hold
 * has ended (it waits for that: an hour on a production stack), marking them reached. Resolves when done;
 * an order orders' timer has still not released well after its hold is logged and left.
 */
export async function finishHeldDemoOrders(client: GatewayClient, orders: DemoOrder[], log: (msg: string) => void): Promise<void> {
  const held = orders.filter((o) => o.heldUntil).sort((a, b) => a.heldUntil!.getTime() - b.heldUntil!.getTime());
  for (const order of held) {
    const endsAt = order.heldUntil!.getTime();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt - Date.now())));
    const release = await waitForRelease(client, order, endsAt + RELEASE_GRACE_MS);
    if (release !== true) {
      log(`order ${order.index}: still on hold after ${release.toISOString()}; left as it is`);
      continue;
    }
    order.heldUntil = undefined;
    order.reached = await tolerating(order, log, () => followJourney(client, order));
  }
}

/** The steps after release; each one replays on a rerun. */
async function followJourney(client: GatewayClient, order: DemoOrder): Promise<void> {
  const { index } = order;
  switch (order.plan.journey) {
    case 'SHIPPED':
    case 'DELIVERED': {
      const packed = await client.run(DEMO_SELLER, `mutation($input: CreatePackageInput!) { createPackage(input: $input) { id } }`, {
        input: { orderId: order.id, idempotencyKey: `demo-pack-${index}`, lines: order.lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })) },
      });
      const packageId = packed.createPackage.id;
      await client.run(DEMO_SELLER, `mutation($input: ShipPackageInput!) { shipPackage(input: $input) { id } }`, {
        input: { packageId, idempotencyKey: `demo-ship-${index}`, carrier: 'UPS', trackingNumber: `1ZDEMO${String(index).padStart(4, '0')}` },
      });
      if (order.plan.journey === 'SHIPPED') return;
      await client.run(DEMO_CARRIER, `mutation($input: PackageCommandInput!) { markPackageInTransit(input: $input) { id } }`, {
        input: { packageId, idempotencyKey: `demo-in-transit-${index}` },
      });
      await client.run(DEMO_CARRIER, `mutation($input: PackageCommandInput!) { markPackageDelivered(input: $input) { id } }`, {
        input: { packageId, idempotencyKey: `demo-deliver-${index}` },
      });
      return;
    }
    case 'CANCELLED_ON_REQUEST':
    case 'CANCELLATION_REQUESTED': {
      const requested = await client.run(
        order.buyer,
        `mutation($input: BuyerCancelOrderInput!) { requestCancellation(input: $input) { cancellationRequests { id } } }`,
        {
          input: {
            orderId: order.id,
            reason: order.plan.journey === 'CANCELLATION_REQUESTED' ? 'Ordered the wrong size' : 'Found the same mug at home',
            idempotencyKey: `demo-request-cancel-${index}`,
          },
        },
      );
      if (order.plan.journey === 'CANCELLATION_REQUESTED') return;
      await client.run(DEMO_SELLER, `mutation($input: CancellationDecisionInput!) { approveCancellation(input: $input) { id } }`, {
        input: { cancellationId: requested.requestCancellation.cancellationRequests[0].id, idempotencyKey: `demo-approve-cancel-${index}` },
      });
      return;
    }
    default:
      return;
  }
}

/**
 * Runs a journey; true when it completes. A refusal that only an earlier demo database explains (the order
 * is in another state, or a key was used with other input) is logged and the order left as it is.
 */
async function tolerating(order: DemoOrder, log: (msg: string) => void, steps: () => Promise<void>): Promise<boolean> {
  try {
    await steps();
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/\b(INVALID_TRANSITION|CONFLICT|IDEMPOTENCY_CONFLICT)\b/.test(message)) throw error;
    log(`order ${order.index}: left as it is (${message})`);
    return false;
  }
}

const readOrder = async (client: GatewayClient, order: DemoOrder): Promise<{ status: string; remorseEndsAt: string }> =>
  (await client.run(order.buyer, `query($id: ID!) { order(id: $id) { status remorseEndsAt } }`, { id: order.id })).order;
