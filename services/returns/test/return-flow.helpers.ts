import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { TestStack, callSubgraph, createLiveProduct, eventually, moveClock, newIdempotencyKey, waitForSellable } from '@sc/testing';
import { SubgraphName, subgraphUrlOf } from '@sc/stack';

export const HOUR = 3_600_000;

/** The carrier that scans and delivers packages in these tests. */
export const CARRIER: Identity = { userId: 'car_ups', sellerId: null, roles: ['CARRIER'] };

/** Calls one subgraph of the stack as `identity`. */
export const caller = (stack: TestStack, name: SubgraphName) => (identity: Identity, query: string, variables?: unknown) =>
  callSubgraph(subgraphUrlOf(stack.settings, name), stack.settings.internalSigningSecret, identity, query, variables);

/** A catalog SKU with stock, once orders can price it. */
export async function createSku(stack: TestStack, seller: Identity, stock: number): Promise<string> {
  // Reviewed and approved, so orders may sell it.
  const {
    skuIds: [skuId],
  } = await createLiveProduct(caller(stack, 'catalog'), seller, { title: 'Linen shirt', skus: [{ price: '2500', initialStock: stock }] });
  await waitForSellable(await stack.db('orders'), [skuId]);
  return skuId;
}

/** An order placed through orders, after it reached `status` there and returns' projection caught up. */
export async function placeOrder(
  stack: TestStack,
  buyer: Identity,
  seller: Identity,
  lines: Array<{ skuId: string; quantity: number }>,
  status: 'UNPAID' | 'CANCELLED' = 'UNPAID',
): Promise<{ id: string; lineIds: string[] }> {
  const orders = caller(stack, 'orders');
  const placed = await orders(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id lines { id } } }`, {
    input: { shopId: seller.sellerId, lines, idempotencyKey: newIdempotencyKey() },
  });
  if (placed.errors) throw new Error(JSON.stringify(placed.errors));
  const order = (placed.data as any).placeOrder as { id: string; lines: Array<{ id: string }> };
  await eventually(
    async () => ((await orders(seller, `query($id: ID!) { order(id: $id) { status } }`, { id: order.id })).data as any).order.status,
    (s) => s !== 'PENDING',
  );
  await waitForProjection(await stack.db('returns'), order.id, status, lines.length);
  return { id: order.id, lineIds: order.lines.map((l) => l.id) };
}

/** Waits until returns' read model holds the placed order (buyer and lines) in `status`. */
export async function waitForProjection(returnsDb: Client, orderId: string, status: string, lineCount: number): Promise<void> {
  await eventually(
    async () =>
      (
        await returnsDb.query(
          `SELECT o.status, o.buyer_id IS NOT NULL AS placed, (SELECT count(*)::int FROM order_lines l WHERE l.order_id = o.id) AS lines
             FROM orders o WHERE o.id = $1`,
          [orderId],
        )
      ).rows[0],
    (row) => row?.status === status && row.placed && row.lines === lineCount,
  );
}

/** Row counts of every table requestReturn writes. */
export async function writtenRows(returnsDb: Client): Promise<Record<string, string>> {
  const result = await returnsDb.query(
    `SELECT (SELECT count(*) FROM return_requests) AS requests, (SELECT count(*) FROM return_lines) AS lines,
            (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM idempotency_keys) AS keys`,
  );
  return result.rows[0];
}

/** The requestReturn mutation with the fields the tests read. */
export const REQUEST_RETURN = `mutation($input: RequestReturnInput!) {
  requestReturn(input: $input) { id status reason reasonText order { id } lines { id orderLineId quantity } createdAt }
}`;

/** The `_entities` query of the federation spec for one type's selection. */
export const entitiesQuery = (selection: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;

/**
 * Moves orders' controlled clock and fires its due timers (the spec sets CLOCK_MODE=controlled before the
 * stack starts). Orders needs it to get past the buyer-remorse hour before anything can ship.
 */
export async function moveOrdersClock(stack: TestStack, advanceMs: number): Promise<void> {
  await moveClock(stack.settings, 'orders', { advanceMs });
}

/** Runs one orders mutation `name(input: …)` as `identity` and returns its data, throwing on errors. */
export async function ordersMutation(
  stack: TestStack,
  identity: Identity,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection = 'id',
): Promise<any> {
  const result = await caller(stack, 'orders')(identity, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
    input: { idempotencyKey: newIdempotencyKey(), ...input },
  });
  if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  return (result.data as any)[name];
}

/** Pays an UNPAID order and lets the remorse window pass on orders' clock: the order awaits shipment. */
export async function payAndRelease(stack: TestStack, buyer: Identity, orderId: string): Promise<void> {
  await ordersMutation(stack, buyer, 'payOrder', 'OrderCommandInput', { orderId });
  await moveOrdersClock(stack, HOUR + 1);
}

/**
 * Packs and ships one package of an order awaiting shipment (`quantities[i]` units of line i; 0 skips a line),
 * optionally scanned and delivered by the carrier. Resolves with the package id.
 */
export async function shipPackage(
  stack: TestStack,
  seller: Identity,
  order: { id: string; lineIds: string[] },
  quantities: number[],
  deliver = false,
): Promise<string> {
  const lines = order.lineIds.map((orderLineId, i) => ({ orderLineId, quantity: quantities[i] ?? 0 })).filter((l) => l.quantity > 0);
  const pkg = await ordersMutation(stack, seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines });
  await ordersMutation(stack, seller, 'shipPackage', 'ShipPackageInput', {
    packageId: pkg.id,
    carrier: 'UPS',
    trackingNumber: `1Z${randomBytes(5).toString('hex').toUpperCase()}`,
  });
  if (deliver) {
    await ordersMutation(stack, CARRIER, 'markPackageInTransit', 'PackageCommandInput', { packageId: pkg.id });
    await ordersMutation(stack, CARRIER, 'markPackageDelivered', 'PackageCommandInput', { packageId: pkg.id });
  }
  return pkg.id;
}

/** Waits until returns' read model counts `units` shipped units of the order (and, if given, its status). */
export async function waitForShipped(returnsDb: Client, orderId: string, units: number, status?: string): Promise<void> {
  await eventually(
    async () =>
      (
        await returnsDb.query(
          `SELECT o.status, (SELECT COALESCE(sum(quantity), 0)::int FROM order_line_units u WHERE u.order_id = o.id AND u.kind = 'SHIPPED') AS shipped
             FROM orders o WHERE o.id = $1`,
          [orderId],
        )
      ).rows[0],
    (row) => row?.shipped === units && (status === undefined || row.status === status),
  );
}
