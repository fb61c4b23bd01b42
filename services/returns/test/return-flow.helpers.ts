import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { TestStack, callSubgraph, createLiveProduct, eventually, newIdempotencyKey, waitForSellable } from '@sc/testing';
import { SubgraphName, subgraphUrlOf } from '@sc/stack';

/** Calls one subgraph of the stack as `identity`. */
export const caller = (stack: TestStack, name: SubgraphName) => (identity: Identity, query: string, variables?: unknown) =>
  callSubgraph(subgraphUrlOf(stack.settings, name), stack.settings.internalSigningSecret, identity, query, variables);

/** A catalog SKU with stock, once orders can price it. */
export async function createSku(stack: TestStack, seller: Identity, stock: number): Promise<string> {
  // Reviewed and approved, so orders may sell it.
  const { skuIds: [skuId] } = await createLiveProduct(caller(stack, 'catalog'), seller, { title: 'Linen shirt', skus: [{ price: '2500', initialStock: stock }] });
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
  await eventually(async () => ((await orders(seller, `query($id: ID!) { order(id: $id) { status } }`, { id: order.id })).data as any).order.status, (s) => s !== 'PENDING');
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
