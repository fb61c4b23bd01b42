import { Identity } from '@sc/auth';
import { EventEnvelope } from '@sc/events';
import type { EventTypeOf, PayloadOf } from '@sc/kit';
import { subgraphUrlOf } from '@sc/stack';
import { GraphQLResult, TestStack, callSubgraph, newIdempotencyKey, outboxEvents } from '@sc/testing';

// Orders' own side of its e2e tests, typed: calls of its subgraph (as the gateway would make them), its
// commands with fresh idempotency keys, and the events it appended to its outbox for an order, notably
// those catalog's stock ledger acts on (the ledger itself is asserted across services in gateway/test/flows).

/** Money as the subgraph answers it (the currency only where the query selects it). */
export interface MoneyView {
  amountMinor: string;
  currencyCode?: string;
}

/** An order line as the `order` query selects it (fields the query leaves out are absent). */
export interface OrderLineView {
  id: string;
  quantity: number;
  cancelledQuantity: number;
  shippedQuantity: number;
  shippingFee: MoneyView;
  sellerDiscount: MoneyView;
}

/** A package of an order. */
export interface PackageView {
  id: string;
  status: string;
}

/** A buyer's cancellation request and the units it asks for. */
export interface CancellationRequestView {
  id: string;
  status: string;
  lines: Array<{ orderLineId: string; quantity: number }> | null;
}

/** An order as the `order` query and the order commands answer it; each query selects the fields it needs. */
export interface OrderView {
  id: string;
  status: string;
  region: string;
  total: MoneyView;
  subtotal: MoneyView;
  shippingFee: MoneyView;
  sellerDiscount: MoneyView;
  paidAt: string | null;
  shipByDeadline: string | null;
  autoCancelAt: string | null;
  unpaidExpiresAt: string | null;
  deliveredAt: string | null;
  completesAt: string | null;
  cancelReason: string | null;
  hasOpenCancellation: boolean;
  lines: OrderLineView[];
  packages: PackageView[];
  cancellationRequests: CancellationRequestView[];
}

/** Calls orders' subgraph as `identity`; `T` is the shape of `data` the query selects. */
export type OrdersCall = <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown) => Promise<GraphQLResult<T>>;

/** A caller of the orders subgraph of `stack()` (read at each call, so a spec may declare it before its stack starts), signed as the gateway signs. */
export function ordersCaller(stack: () => TestStack): OrdersCall {
  return (identity, query, variables) => {
    const { settings } = stack();
    return callSubgraph(subgraphUrlOf(settings, 'orders'), settings.internalSigningKey, identity, query, variables);
  };
}

/** Orders' commands: `name(input: $input) { selection }` with a fresh idempotency key unless the input brings one. */
export function orderCommands(call: OrdersCall) {
  const mutate = <T = Partial<OrderView>>(identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection = 'id status') =>
    call<Record<string, T>>(identity, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input: { idempotencyKey: newIdempotencyKey(), ...input },
    });
  /** The command's answer; fails the test with the errors, if there are any. */
  const ok = async <T = Partial<OrderView>>(identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection = 'id status') => {
    const result = await mutate<T>(identity, name, inputType, input, selection);
    if (result.errors || !result.data) throw new Error(`${name} failed: ${JSON.stringify(result.errors)}`);
    return result.data[name];
  };
  return { mutate, ok };
}

/** An event type of orders.order.v1 and its payload. */
export type OrderEventType = EventTypeOf<'orders.order.v1'>;
export type OrderEvent<E extends OrderEventType> = EventEnvelope<PayloadOf<'orders.order.v1', E>>;

/** Every event orders appended to its outbox about `orderId`, oldest first. */
export async function orderEventsOf(stack: TestStack, orderId: string): Promise<EventEnvelope[]> {
  return outboxEvents(await stack.db('orders'), { key: orderId });
}

/** The `type` events orders appended to its outbox about `orderId`, oldest first, typed by the contract. */
export async function orderEventsOfType<E extends OrderEventType>(stack: TestStack, orderId: string, type: E): Promise<OrderEvent<E>[]> {
  return outboxEvents<PayloadOf<'orders.order.v1', E>>(await stack.db('orders'), { key: orderId, type });
}

/** A line and units an order event names. */
export interface LineUnits {
  orderLineId: string;
  skuId: string;
  quantity: number;
}

/** One order event catalog's stock ledger acts on, reduced to what the ledger reads from it. */
export type StockEvent =
  | { type: 'order.placed'; lines: LineUnits[] } // reserve these units, all or none
  | { type: 'order.paid'; lines: LineUnits[] } // commit what the order holds
  | { type: 'package.shipped'; lines: LineUnits[] } // these units leave on hand
  | { type: 'order.lines_cancelled'; reason: string; lines: LineUnits[] } // release these units
  | { type: 'order.cancelled'; reason: string; cancelledBy: string }; // release whatever the order still holds

const STOCK_EVENT_TYPES = new Set(['order.placed', 'order.paid', 'package.shipped', 'order.lines_cancelled', 'order.cancelled']);
const units = (lines: LineUnits[]): LineUnits[] => lines.map((l) => ({ orderLineId: l.orderLineId, skuId: l.skuId, quantity: l.quantity }));

/**
 * The events of `orderId` that move catalog's stock (reserve, commit, sell, release), oldest first, as
 * orders appended them to its outbox: what catalog will apply, whatever it does with them.
 */
export async function stockEventsOf(stack: TestStack, orderId: string): Promise<StockEvent[]> {
  const events = (await orderEventsOf(stack, orderId)).filter((e) => STOCK_EVENT_TYPES.has(e.type));
  return events.map((e): StockEvent => {
    const payload = e.payload as { lines?: LineUnits[]; reason?: string; cancelledBy?: string };
    switch (e.type) {
      case 'order.cancelled':
        return { type: 'order.cancelled', reason: payload.reason!, cancelledBy: payload.cancelledBy! };
      case 'order.lines_cancelled':
        return { type: 'order.lines_cancelled', reason: payload.reason!, lines: units(payload.lines!) };
      default:
        return { type: e.type as 'order.placed' | 'order.paid' | 'package.shipped', lines: units(payload.lines!) };
    }
  });
}
