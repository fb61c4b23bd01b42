import { Identity } from '@sc/auth';
import { EventEnvelope } from '@sc/events';
import type { EventTypeOf, PayloadOf } from '@sc/kit';
import { SubgraphName, subgraphUrlOf } from '@sc/stack';
import {
  GraphQLResult,
  TestStack,
  callGateway,
  callSubgraph,
  createLiveProduct,
  eventually,
  newIdempotencyKey,
  outboxEvents,
  waitForSellable,
  waitForShopInOrders,
} from '@sc/testing';

// Helpers of the cross-service flows (gateway/test/flows): orders and catalog running together over real
// Kafka and PostgreSQL, each called as the gateway calls it (or through the gateway itself), and catalog's
// stock ledger read back to see what orders' events did to it.

/** Calls one endpoint as `identity`; `T` is the shape of `data` the query selects. */
export type Call = <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown) => Promise<GraphQLResult<T>>;

/** A stock level of one SKU in catalog's ledger. */
export interface StockLevel {
  onHand: number;
  reserved: number;
  committed: number;
  available: number;
}

/** One movement of catalog's stock ledger. */
export interface StockMovement {
  id: string;
  type: string;
  quantity: number;
  onHandDelta: number;
  reservedDelta: number;
  committedDelta: number;
}

/** An order's status as orders answers it. */
export interface OrderStatusView {
  status: string;
  cancelReason: string | null;
}

/** Event types orders publishes on orders.order.v1. */
export type OrderEventType = EventTypeOf<'orders.order.v1'>;
/** The payload of one of orders' order events, typed by the contract. */
export type OrderEventPayload<E extends OrderEventType> = PayloadOf<'orders.order.v1', E>;

/** The payloads of the events of `type` among `events` (e.g. {@link flowOf}'s `orderEvents`), in their order, typed by the contract. */
export function orderPayloadsOf<E extends OrderEventType>(events: EventEnvelope[], type: E): Array<OrderEventPayload<E>> {
  return events.filter((e) => e.type === type).map((e) => e.payload as OrderEventPayload<E>);
}

/** Callers and steps over a stack running catalog and orders (and the gateway where it runs); `stack()` is read at each call. */
export function flowOf(stack: () => TestStack) {
  const subgraph =
    (name: SubgraphName): Call =>
    (identity, query, variables) => {
      const { settings } = stack();
      return callSubgraph(subgraphUrlOf(settings, name), settings.internalSigningKey, identity, query, variables);
    };
  const catalog = subgraph('catalog');
  const orders = subgraph('orders');
  const gateway: Call = (identity, query, variables) => callGateway(stack().gatewayUrl, stack().settings.clientTokenKey, identity, query, variables);

  /** Orders' command `name(input: $input) { selection }` with a fresh idempotency key unless the input brings one. */
  const mutate = <T = { id: string; status: string }>(
    identity: Identity,
    name: string,
    inputType: string,
    input: Record<string, unknown>,
    selection = 'id status',
  ) =>
    orders<Record<string, T>>(identity, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input: { idempotencyKey: newIdempotencyKey(), ...input },
    });

  /** The command's answer; fails the test with the errors, if there are any. */
  const ok = async <T = { id: string; status: string }>(
    identity: Identity,
    name: string,
    inputType: string,
    input: Record<string, unknown>,
    selection = 'id status',
  ) => {
    const result = await mutate<T>(identity, name, inputType, input, selection);
    if (result.errors || !result.data) throw new Error(`${name} failed: ${JSON.stringify(result.errors)}`);
    return result.data[name];
  };

  /** Registers `seller`'s shop in catalog and waits until orders learned it from `shop.registered`. */
  const registerShop = async (seller: Identity, shop: { name: string; currencyCode?: string; timeZone?: string }) => {
    const result = await catalog(seller, `mutation($input: RegisterShopInput!) { registerShop(input: $input) { id } }`, {
      input: { name: shop.name, currencyCode: shop.currencyCode ?? 'USD', timeZone: shop.timeZone ?? 'UTC' },
    });
    if (result.errors) throw new Error(`registerShop failed: ${JSON.stringify(result.errors)}`);
    await waitForShopInOrders(await stack().db('orders'), seller.sellerId!);
  };

  /** A live SKU of `seller` in catalog with `stock` units on hand, once orders' price read model sells it. */
  const createSku = async (seller: Identity, sku: { stock: number; price?: string; title?: string; sellerSku?: string }): Promise<string> => {
    const {
      skuIds: [skuId],
    } = await createLiveProduct(catalog, seller, {
      title: sku.title ?? 'Linen shirt',
      skus: [{ price: sku.price ?? '2500', initialStock: sku.stock, sellerSku: sku.sellerSku }],
    });
    await waitForSellable(await stack().db('orders'), [skuId]);
    return skuId;
  };

  /** Catalog's stock of a SKU and its ledger, read through catalog's subgraph as the SKU's seller. */
  const stockOf = async (seller: Identity, skuId: string): Promise<{ level: StockLevel; movements: StockMovement[] }> => {
    type SkuStock = { inventory: StockLevel[]; stockMovements: { nodes: StockMovement[] } };
    const result = await catalog<{ _entities: SkuStock[] }>(
      seller,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku {
        inventory { onHand reserved committed available } stockMovements(first: 100) { nodes { id type quantity onHandDelta reservedDelta committedDelta } } } } }`,
      { r: [{ __typename: 'Sku', id: skuId }] },
    );
    if (result.errors || !result.data) throw new Error(`stock of ${skuId}: ${JSON.stringify(result.errors)}`);
    const [sku] = result.data._entities;
    return { level: sku.inventory[0], movements: sku.stockMovements.nodes };
  };

  /** The ledger's level of a SKU once `accept` holds for it (catalog applies orders' events asynchronously). */
  const levelOnce = async (seller: Identity, skuId: string, accept: (level: StockLevel) => boolean): Promise<StockLevel> =>
    (
      await eventually(
        () => stockOf(seller, skuId),
        (s) => accept(s.level),
      )
    ).level;

  /** Catalog's movements of a SKU of one type. */
  const movementsOf = async (seller: Identity, skuId: string, type: string): Promise<StockMovement[]> =>
    (await stockOf(seller, skuId)).movements.filter((m) => m.type === type);

  /** An order's status and cancel reason, as its seller reads it. */
  const orderStatus = async (seller: Identity, orderId: string): Promise<OrderStatusView> => {
    const result = await orders<{ order: OrderStatusView }>(seller, `query($id: ID!) { order(id: $id) { status cancelReason } }`, { id: orderId });
    if (result.errors || !result.data) throw new Error(`order ${orderId}: ${JSON.stringify(result.errors)}`);
    return result.data.order;
  };

  /** Waits until catalog answered the order's placement (it is no longer PENDING). */
  const settled = (seller: Identity, orderId: string) =>
    eventually(
      () => orderStatus(seller, orderId),
      (o) => o.status !== 'PENDING',
    );

  /** Every event orders appended to its outbox about `orderId`, oldest first. */
  const orderEvents = async (orderId: string): Promise<EventEnvelope[]> => outboxEvents(await stack().db('orders'), { key: orderId });

  return { catalog, orders, gateway, mutate, ok, registerShop, createSku, stockOf, levelOnce, movementsOf, orderStatus, settled, orderEvents };
}
