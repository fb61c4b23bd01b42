import { Identity } from '@sc/auth';
import { EventEnvelope } from '@sc/events';
import type { EventTypeOf, PayloadOf } from '@sc/kit';
import { subgraphUrlOf } from '@sc/stack';
import { GraphQLResult, TestStack, callSubgraph, eventually, newIdempotencyKey, outboxEvents } from '@sc/testing';
import { reserveStock } from './catalog-feed';

// The orders subgraph as its e2e tests call it (directly, as the gateway would on the caller's behalf): typed
// results, lifecycle mutations with a fresh idempotency key, an order placed and reserved (catalog's answer as
// a fixture), and the events orders appended to its outbox for an order — what catalog and the other
// consumers act on.

/** Money as a selection of `amountMinor` (and `currencyCode` when asked). */
export interface MoneyView {
  amountMinor: string;
  currencyCode?: string;
}

export type OrderStatus =
  | 'PENDING'
  | 'UNPAID'
  | 'ON_HOLD'
  | 'AWAITING_SHIPMENT'
  | 'PARTIALLY_SHIPPING'
  | 'AWAITING_COLLECTION'
  | 'IN_TRANSIT'
  | 'DELIVERED'
  | 'COMPLETED'
  | 'CANCELLED';

export type CancellationStatus = 'CANCELLATION_REQUEST_PENDING' | 'CANCELLATION_REQUEST_SUCCESS' | 'CANCELLATION_REQUEST_CANCEL';

/** `NextAction { action actor deadline }`. */
export interface NextActionView {
  action: string;
  actor: string;
  deadline: string | null;
}

/** `Recipient { masked name phone address }`. */
export interface RecipientView {
  masked: boolean;
  name: string | null;
  phone: string | null;
  address: string | null;
}

/** `CancellationRequest` with whichever of these fields a query selects. */
export interface CancellationRequestView {
  id: string;
  status: CancellationStatus;
  respondBy: string;
  requestedAt: string;
}

/** `_entities` of `Shop` representations, each resolved to the selection `T`. */
export interface ShopEntities<T> {
  _entities: T[];
}

/** Calls the orders subgraph as `identity`; `T` is the shape of the query's `data`. */
export function callOrders<T>(stack: TestStack, identity: Identity, query: string, variables?: unknown): Promise<GraphQLResult<T>> {
  return callSubgraph<T>(subgraphUrlOf(stack.settings, 'orders'), stack.settings.internalSigningKey, identity, query, variables);
}

/**
 * Runs `mutation($input: <inputType>!) { <name>(input: $input) { <selection> } }` with a fresh idempotency key
 * (unless `input` has one); `T` is the shape of the selection.
 */
export function orderMutation<T>(
  stack: TestStack,
  identity: Identity,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection = 'id status',
): Promise<GraphQLResult<Record<string, T>>> {
  return callOrders<Record<string, T>>(stack, identity, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
    input: { idempotencyKey: newIdempotencyKey(), ...input },
  });
}

/** What the mutation answered, failing the test on any error. */
export async function orderMutationOk<T>(
  stack: TestStack,
  identity: Identity,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection = 'id status',
): Promise<T> {
  const result = await orderMutation<T>(stack, identity, name, inputType, input, selection);
  expect(result.errors).toBeUndefined();
  return result.data![name];
}

/** One line of `placeOrder`. */
export interface PlaceLine {
  skuId: string;
  quantity: number;
  creatorId?: string;
}

/** Waits until the order's stored status is `status`. */
export async function waitForOrderStatus(stack: TestStack, orderId: string, status: OrderStatus): Promise<void> {
  const db = await stack.db('orders');
  await eventually(
    async () => (await db.query('SELECT status FROM orders WHERE id = $1', [orderId])).rows[0]?.status as string | undefined,
    (s) => s === status,
  );
}

/**
 * `buyer` places an order with `shopId` (plus `extra` input such as recipient or region), catalog reserves every
 * line (`inventory.reserved` fixture) and the order is UNPAID; returns its id.
 */
export async function placeReservedOrder(
  stack: TestStack,
  buyer: Identity,
  shopId: string,
  lines: PlaceLine[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const placed = await orderMutation<{ id: string }>(stack, buyer, 'placeOrder', 'PlaceOrderInput', { shopId, lines, ...extra }, 'id');
  expect(placed.errors).toBeUndefined();
  const { id } = placed.data!.placeOrder;
  await reserveStock(stack, id);
  await waitForOrderStatus(stack, id, 'UNPAID');
  return id;
}

/** Event types orders publishes on orders.order.v1. */
export type OrderEventType = EventTypeOf<'orders.order.v1'>;
/** The payload of one of orders' order events. */
export type OrderEventPayload<E extends OrderEventType> = PayloadOf<'orders.order.v1', E>;

/** Every event orders appended to its outbox for `orderId`, oldest first. */
export async function orderOutbox(stack: TestStack, orderId: string): Promise<EventEnvelope[]> {
  return outboxEvents(await stack.db('orders'), { key: orderId });
}

/** The payloads of the events of `type` among `events`, typed by the contract. */
export function payloadsOf<E extends OrderEventType>(events: EventEnvelope[], type: E): Array<OrderEventPayload<E>> {
  return events.filter((e) => e.type === type).map((e) => e.payload as OrderEventPayload<E>);
}

/** The `field` of each problem a VALIDATION_FAILED error lists (its `extensions.fields`). */
export function invalidFields(result: GraphQLResult<unknown>): string[] {
  const fields = result.errors?.[0]?.extensions?.fields as Array<{ field: string }> | undefined;
  if (!fields) throw new Error(`no invalid fields in ${JSON.stringify(result.errors)}`);
  return fields.map((f) => f.field);
}
