import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { Identity } from '@sc/auth';
import { newId } from '@sc/db';
import { EventEnvelope, InventoryCommittedV1, InventoryReleasedV1, TopicName } from '@sc/events';
import { databaseUrlOf } from '@sc/stack';
import {
  TEST_PLATFORM,
  TestStack,
  createLiveProduct,
  errorCodes,
  eventually,
  newIdempotencyKey,
  newSeller,
  publishRaw,
  readDeadLetters,
  startTestStack,
  testEvent,
} from '@sc/testing';
import { RESERVE_SQL } from '../src/inventory/inventory.repository';
import { LISTED_OUT_OF_STOCK } from '../src/inventory/stock-queries';
import {
  BulkResult,
  CatalogCall,
  CountRow,
  Entities,
  InventoryLevelRow,
  OutOfStockListView,
  PageInfoView,
  ShopProductsView,
  ShopWarehousesView,
  StockLevelView,
  TrafficDayView,
  catalogCaller,
  dataOf,
} from './support/catalog-api';

/** A page of a SKU's stock movements; `N` is the node selection. */
type StockMovementsView<N> = Entities<{ stockMovements: { nodes: N[]; pageInfo: Partial<PageInfoView> } }>;

// Inventory of the catalog subgraph: states, ledger, seller operations, the order/return saga steps,
// out-of-stock transitions and storefront traffic, against real PostgreSQL and Kafka.
describe('catalog inventory', () => {
  let stack: TestStack;
  let db: Client;
  const seller = newSeller();
  const other = newSeller();
  let defaultWarehouseId: string;
  let catalog: CatalogCall;

  const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id skus { id } } }`;
  const DELETE = `mutation($input: BulkProductsInput!) { deleteProducts(input: $input) { productId ok error { code message } } }`;
  type Deleted = BulkResult<'deleteProducts'>;
  const createSku = async (initialStock: number, identity: Identity = seller) => {
    const result = await catalog<{ createProduct: { id: string; skus: Array<{ id: string }> } }>(identity, CREATE, {
      input: {
        title: 'Linen shirt',
        idempotencyKey: newIdempotencyKey(),
        skus: [{ sellerSku: `SH-${randomUUID()}`, price: { amountMinor: '2500', currencyCode: 'USD' }, initialStock }],
      },
    });
    expect(result.errors).toBeUndefined();
    const product = dataOf(result).createProduct;
    return { productId: product.id, skuId: product.skus[0].id };
  };

  const level = async (skuId: string, warehouseId = defaultWarehouseId) =>
    (
      await db.query<InventoryLevelRow>(
        `SELECT on_hand, reserved, committed, damaged, quality_control, safety_stock FROM inventory_levels WHERE sku_id = $1 AND warehouse_id = $2`,
        [skuId, warehouseId],
      )
    ).rows[0];

  /** Everything a mutation could write, to prove a refused one wrote nothing. */
  const snapshot = async () =>
    (
      await db.query<{ levels: unknown[]; movements: string; outbox: string; warehouses: string; keys: string; statuses: unknown[] }>(`SELECT
        (SELECT coalesce(json_agg(l ORDER BY l.sku_id, l.warehouse_id), '[]') FROM inventory_levels l) AS levels,
        (SELECT count(*) FROM stock_movements) AS movements, (SELECT count(*) FROM outbox) AS outbox,
        (SELECT count(*) FROM warehouses) AS warehouses, (SELECT count(*) FROM idempotency_keys) AS keys,
        (SELECT coalesce(json_agg(s ORDER BY s.sku_id), '[]') FROM sku_stock_status s) AS statuses`)
    ).rows[0];

  const outboxTypes = async (key: string) =>
    (await db.query<{ event_type: string }>(`SELECT event_type FROM outbox WHERE message_key = $1 ORDER BY seq`, [key])).rows.map((r) => r.event_type);

  const event = <T>(type: string, source: string, aggregateId: string, payload: T): EventEnvelope<T> =>
    testEvent<T>({ type, source, sellerId: seller.sellerId!, aggregateType: 'Order', aggregateId, actor: { type: 'SYSTEM', id: null }, payload });

  /**
   * Delivers `e` twice, then a harmless marker with the same key (same partition, consumed after both),
   * and waits for the marker: by then the duplicate has been consumed too.
   */
  const deliverTwice = async (topic: TopicName, e: EventEnvelope) => {
    const marker =
      topic === 'returns.return.v1'
        ? event('return.received', 'returns', e.aggregateId, { returnId: newId('ret'), orderId: newId('ord'), lines: [] })
        : event('order.lines_cancelled', 'orders', e.aggregateId, { orderId: newId('ord'), reason: 'marker', lines: [] });
    await publishRaw(stack.settings, topic, [e, e]);
    await publishRaw(stack.settings, topic, [marker]);
    await eventually(
      async () => (await db.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [marker.id])).rowCount,
      (n) => n === 1,
    );
  };

  const placeOrder = async (lines: Array<{ skuId: string; productId: string; quantity: number }>) => {
    const orderId = newId('ord');
    const placed = event('order.placed', 'orders', orderId, {
      orderId,
      buyerId: 'byr_test',
      total: { amountMinor: '100', currencyCode: 'USD' },
      lines: lines.map((l) => ({ orderLineId: newId('oln'), ...l, unitPrice: { amountMinor: '100', currencyCode: 'USD' } })),
    });
    await publishRaw(stack.settings, 'orders.order.v1', [placed]);
    await eventually(
      async () => outboxTypes(orderId),
      (types) => types.length > 0,
    );
    return { orderId, lines: placed.payload.lines };
  };

  beforeAll(async () => {
    stack = await startTestStack('inventory', { subgraphs: ['catalog'] });
    db = await stack.db('catalog');
    catalog = catalogCaller(stack);
    for (const identity of [seller, other]) {
      const shop = await catalog(identity, `mutation { registerShop(input: { name: "Linen", currencyCode: "USD", timeZone: "America/New_York" }) { id } }`);
      expect(shop.errors).toBeUndefined();
    }
    const warehouses = await catalog<ShopWarehousesView<{ id: string; isDefault: boolean }>>(seller, `{ shop { warehouses { id isDefault } } }`);
    defaultWarehouseId = dataOf(warehouses).shop.warehouses.find((w) => w.isDefault)!.id;
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  describe('concurrent reservations against real PostgreSQL', () => {
    let pool: Pool;
    beforeAll(() => {
      pool = new Pool({ connectionString: databaseUrlOf(stack.settings, 'catalog'), max: 20 });
    });
    afterAll(async () => {
      await pool.end();
    });

    it('lets exactly one of 50 concurrent reservations take the last unit', async () => {
      const { skuId } = await createSku(1);
      const results = await Promise.all(Array.from({ length: 50 }, () => pool.query(RESERVE_SQL, [skuId, seller.sellerId, 1])));
      expect(results.filter((r) => r.rowCount === 1)).toHaveLength(1);
      expect(await level(skuId)).toMatchObject({ on_hand: 1, reserved: 1 });
    });

    it('reserves exactly 500 of 10,000 concurrent single units, never below zero available', async () => {
      const { skuId } = await createSku(500);
      let sampling = true;
      const samples: number[] = [];
      // A connection of its own, so samples interleave with the reservations instead of queueing behind them.
      const sampler = (async () => {
        while (sampling) {
          const { rows } = await db.query<{ available: number }>(
            `SELECT on_hand - reserved - committed - damaged - quality_control - safety_stock AS available FROM inventory_levels WHERE sku_id = $1`,
            [skuId],
          );
          samples.push(rows[0].available);
        }
      })();
      const results = await Promise.all(Array.from({ length: 10_000 }, () => pool.query(RESERVE_SQL, [skuId, seller.sellerId, 1])));
      sampling = false;
      await sampler;
      expect(results.filter((r) => r.rowCount === 1)).toHaveLength(500);
      expect(await level(skuId)).toMatchObject({ on_hand: 500, reserved: 500 });
      expect(samples.length).toBeGreaterThan(0);
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
      // The database itself refuses a level that would go negative, whatever the code does.
      await expect(db.query(`UPDATE inventory_levels SET reserved = reserved + 1 WHERE sku_id = $1`, [skuId])).rejects.toMatchObject({ code: '23514' });
    });
  });

  describe('order and return events, each applied once', () => {
    it('reserves, commits and sells once each when every event is delivered twice', async () => {
      const { skuId, productId } = await createSku(10);
      const { orderId, lines } = await placeOrder([
        { skuId, productId, quantity: 2 },
        { skuId, productId, quantity: 1 },
      ]);
      expect(await level(skuId)).toMatchObject({ on_hand: 10, reserved: 3, committed: 0 });

      const paid = event('order.paid', 'orders', orderId, {
        orderId,
        buyerId: 'byr_test',
        paidAt: new Date().toISOString(),
        total: { amountMinor: '300', currencyCode: 'USD' },
        lines: lines.map((l) => ({ orderLineId: l.orderLineId, skuId, quantity: l.quantity })),
      });
      await deliverTwice('orders.order.v1', paid);
      expect(await level(skuId)).toMatchObject({ on_hand: 10, reserved: 0, committed: 3 });

      const shipped = event('package.shipped', 'orders', orderId, {
        orderId,
        packageId: newId('pkg'),
        carrier: 'UPS',
        trackingNumber: '1Z',
        lines: lines.map((l) => ({ orderLineId: l.orderLineId, skuId, quantity: l.quantity })),
      });
      await deliverTwice('orders.order.v1', shipped);
      expect(await level(skuId)).toMatchObject({ on_hand: 7, reserved: 0, committed: 0 });
      expect(await outboxTypes(orderId)).toEqual(['inventory.reserved', 'inventory.committed', 'inventory.sold']);
      const committed = await db.query<{ envelope: EventEnvelope<InventoryCommittedV1> }>(
        `SELECT envelope FROM outbox WHERE message_key = $1 AND event_type = 'inventory.committed'`,
        [orderId],
      );
      expect(committed.rows[0].envelope.payload.lines.map((l) => l.quantity)).toEqual([2, 1]);

      const ledger = await db.query<{ movement_type: string; quantity: number }>(
        `SELECT movement_type, quantity FROM stock_movements WHERE order_id = $1 ORDER BY id`,
        [orderId],
      );
      expect(ledger.rows).toEqual([
        { movement_type: 'RESERVATION', quantity: -3 },
        { movement_type: 'COMMIT', quantity: 0 },
        { movement_type: 'SALE', quantity: 0 },
      ]);
    });

    it('releases a paid, unshipped order once on cancellation and nothing for a failed reservation', async () => {
      const { skuId, productId } = await createSku(5);
      const { orderId, lines } = await placeOrder([{ skuId, productId, quantity: 2 }]);
      await deliverTwice(
        'orders.order.v1',
        event('order.paid', 'orders', orderId, {
          orderId,
          buyerId: 'byr_test',
          paidAt: new Date().toISOString(),
          total: { amountMinor: '200', currencyCode: 'USD' },
          lines: [{ orderLineId: lines[0].orderLineId, skuId, quantity: 2 }],
        }),
      );
      expect(await level(skuId)).toMatchObject({ on_hand: 5, reserved: 0, committed: 2 });
      await deliverTwice('orders.order.v1', event('order.cancelled', 'orders', orderId, { orderId, reason: 'BUYER_CHANGED_MIND', cancelledBy: 'BUYER' }));
      expect(await level(skuId)).toMatchObject({ on_hand: 5, reserved: 0, committed: 0 });
      expect(await outboxTypes(orderId)).toEqual(['inventory.reserved', 'inventory.committed', 'inventory.released']);

      const failed = await placeOrder([{ skuId, productId, quantity: 50 }]);
      expect(await outboxTypes(failed.orderId)).toEqual(['inventory.reservation_failed']);
      await deliverTwice(
        'orders.order.v1',
        event('order.cancelled', 'orders', failed.orderId, { orderId: failed.orderId, reason: 'INSUFFICIENT_STOCK', cancelledBy: 'SYSTEM' }),
      );
      expect(await level(skuId)).toMatchObject({ on_hand: 5, reserved: 0, committed: 0 });
      expect(await outboxTypes(failed.orderId)).toEqual(['inventory.reservation_failed']);
    });

    it('releases cancelled lines once, then the rest on order cancellation', async () => {
      const { skuId, productId } = await createSku(6);
      const { orderId, lines } = await placeOrder([
        { skuId, productId, quantity: 2 },
        { skuId, productId, quantity: 1 },
      ]);
      const cancelLine = event('order.lines_cancelled', 'orders', orderId, {
        orderId,
        reason: 'OUT_OF_STOCK',
        lines: [{ orderLineId: lines[1].orderLineId, skuId, quantity: 1 }],
      });
      await deliverTwice('orders.order.v1', cancelLine);
      expect(await level(skuId)).toMatchObject({ reserved: 2 });
      await deliverTwice('orders.order.v1', event('order.cancelled', 'orders', orderId, { orderId, reason: 'SELLER', cancelledBy: 'SELLER' }));
      expect(await level(skuId)).toMatchObject({ on_hand: 6, reserved: 0 });
      const released = await db.query<{ envelope: EventEnvelope<InventoryReleasedV1> }>(
        `SELECT envelope FROM outbox WHERE message_key = $1 AND event_type = 'inventory.released' ORDER BY seq`,
        [orderId],
      );
      expect(released.rows.map((r) => r.envelope.payload.lines.map((l) => [l.orderLineId, l.quantity]))).toEqual([
        [[lines[1].orderLineId, 1]],
        [[lines[0].orderLineId, 2]],
      ]);
    });

    it('reserves nothing for an order whose cancellation arrived first', async () => {
      const { skuId, productId } = await createSku(3);
      const orderId = newId('ord');
      await deliverTwice('orders.order.v1', event('order.cancelled', 'orders', orderId, { orderId, reason: 'TIMEOUT', cancelledBy: 'SYSTEM' }));
      const placed = event('order.placed', 'orders', orderId, {
        orderId,
        buyerId: 'byr_test',
        total: { amountMinor: '100', currencyCode: 'USD' },
        lines: [{ orderLineId: newId('oln'), skuId, productId, quantity: 1, unitPrice: { amountMinor: '100', currencyCode: 'USD' } }],
      });
      await deliverTwice('orders.order.v1', placed);
      expect(await level(skuId)).toMatchObject({ on_hand: 3, reserved: 0 });
    });

    it('restocks RESTOCKED return lines once into the given warehouse', async () => {
      const { skuId } = await createSku(0);
      type Created = { createWarehouse: { id: string; name: string; isDefault: boolean } };
      const created = await catalog<Created>(seller, `mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id name isDefault } }`, {
        input: { name: 'Returns dock', idempotencyKey: newIdempotencyKey() },
      });
      const warehouseId = dataOf(created).createWarehouse.id;
      const returnId = newId('ret');
      const received = event('return.received', 'returns', returnId, {
        returnId,
        orderId: newId('ord'),
        lines: [
          { returnLineId: newId('rln'), skuId, quantity: 2, disposition: 'RESTOCKED', warehouseId },
          { returnLineId: newId('rln'), skuId, quantity: 5, disposition: 'NOT_RESTOCKED', warehouseId },
        ],
      });
      await deliverTwice('returns.return.v1', received);
      expect(await level(skuId, warehouseId)).toMatchObject({ on_hand: 2, reserved: 0 });
      expect(await outboxTypes(returnId)).toEqual(['inventory.restocked']);
      const shop = await catalog<ShopWarehousesView<{ id: string; name: string }>>(seller, `{ shop { warehouses { id name } } }`);
      expect(dataOf(shop).shop.warehouses.map((w) => w.name)).toContain('Returns dock');
    });
  });

  describe('return restocks that name what the shop does not have', () => {
    const received = (lines: Array<{ skuId: string; quantity: number; warehouseId: string | null }>) => {
      const returnId = newId('ret');
      return event('return.received', 'returns', returnId, {
        returnId,
        orderId: newId('ord'),
        lines: lines.map((l) => ({ returnLineId: newId('rln'), disposition: 'RESTOCKED', ...l })),
      });
    };

    it('parks the whole event on the dead-letter topic, writing nothing, while valid returns restock once', async () => {
      const { skuId } = await createSku(0);
      const foreign = await createSku(1, other);
      // A valid line travelling with an unknown one is not restocked either: the event is fixed and replayed whole.
      const unknownSku = received([
        { skuId, quantity: 4, warehouseId: defaultWarehouseId },
        { skuId: foreign.skuId, quantity: 1, warehouseId: null },
      ]);
      const unknownWarehouse = received([{ skuId, quantity: 5, warehouseId: newId('whs') }]);
      const valid = received([{ skuId, quantity: 3, warehouseId: null }]);
      await publishRaw(stack.settings, 'returns.return.v1', [unknownSku, unknownWarehouse]);
      await deliverTwice('returns.return.v1', valid);

      const parked = await readDeadLetters(stack.settings, 'returns.return.v1', 2);
      expect(parked.map((m) => JSON.parse(m.value!).id).sort()).toEqual([unknownSku.id, unknownWarehouse.id].sort());
      expect(parked.map((m) => m.headers['dlq-consumer'])).toEqual(['catalog', 'catalog']);
      const reasonOf = (id: string) => parked.find((m) => JSON.parse(m.value!).id === id)!.headers['dlq-reason'];
      expect(reasonOf(unknownSku.id)).toContain(`SKU ${foreign.skuId} is unknown`);
      expect(reasonOf(unknownWarehouse.id)).toContain(`warehouse ${unknownWarehouse.payload.lines[0].warehouseId} is unknown`);

      expect(await level(skuId)).toMatchObject({ on_hand: 3 });
      const badLines = [...unknownSku.payload.lines, ...unknownWarehouse.payload.lines].map((l) => l.returnLineId);
      expect((await db.query<CountRow>('SELECT count(*)::int AS n FROM stock_movements WHERE source_id = ANY($1)', [badLines])).rows[0].n).toBe(0);
      expect(
        (await db.query<CountRow>('SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [[unknownSku.id, unknownWarehouse.id]])).rows[0].n,
      ).toBe(0);
      expect(await outboxTypes(unknownSku.aggregateId)).toEqual([]);
      expect(await outboxTypes(valid.aggregateId)).toEqual(['inventory.restocked']);
      const ledger = await db.query<{ quantity: number }>(`SELECT quantity FROM stock_movements WHERE sku_id = $1 AND movement_type = 'RESTOCK'`, [skuId]);
      expect(ledger.rows).toEqual([{ quantity: 3 }]);
    });

    it('restocks a SKU of a deleted product: deleting keeps the SKU, so it is not unknown', async () => {
      const { skuId, productId } = await createSku(0);
      const deleted = await catalog<Deleted>(seller, DELETE, { input: { productIds: [productId], idempotencyKey: newIdempotencyKey() } });
      expect(dataOf(deleted).deleteProducts).toEqual([{ productId, ok: true, error: null }]);
      const returned = received([{ skuId, quantity: 2, warehouseId: null }]);
      await deliverTwice('returns.return.v1', returned);
      expect(await level(skuId)).toMatchObject({ on_hand: 2 });
      expect(await outboxTypes(returned.aggregateId)).toEqual(['inventory.restocked']);
      expect((await db.query<{ status: string }>('SELECT status FROM products WHERE id = $1', [productId])).rows[0].status).toBe('DELETED');
    });
  });

  describe('deleting products while orders hold their units', () => {
    const statusOf = async (id: string) =>
      (await db.query<{ status: string; version: number }>('SELECT status, version FROM products WHERE id = $1', [id])).rows[0];

    it('refuses with PRODUCT_HAS_OPEN_ORDERS per item, writing nothing for it, until the order has shipped', async () => {
      const held = await createSku(5);
      const free = await createSku(5);
      const { orderId, lines } = await placeOrder([{ skuId: held.skuId, productId: held.productId, quantity: 2 }]);
      expect(await level(held.skuId)).toMatchObject({ reserved: 2 });

      const input = { productIds: [held.productId, free.productId], idempotencyKey: newIdempotencyKey() };
      const heldBefore = await statusOf(held.productId);
      const outboxBefore = await outboxTypes(held.productId);
      const refused = await catalog<Deleted>(seller, DELETE, { input });
      expect(dataOf(refused).deleteProducts.map((r) => [r.productId, r.ok, r.error?.code ?? null])).toEqual([
        [held.productId, false, 'PRODUCT_HAS_OPEN_ORDERS'],
        [free.productId, true, null],
      ]);
      expect(await statusOf(held.productId)).toEqual(heldBefore);
      expect(await outboxTypes(held.productId)).toEqual(outboxBefore);
      expect(
        (await db.query<CountRow>(`SELECT count(*)::int AS n FROM idempotency_keys WHERE idempotency_key = $1`, [`${input.idempotencyKey}#${held.productId}`]))
          .rows[0].n,
      ).toBe(0);
      expect((await statusOf(free.productId)).status).toBe('DELETED');

      // Paid and awaiting shipment: the units are committed, still held.
      const orderLines = lines.map((l) => ({ orderLineId: l.orderLineId, skuId: held.skuId, quantity: l.quantity }));
      await deliverTwice(
        'orders.order.v1',
        event('order.paid', 'orders', orderId, {
          orderId,
          buyerId: 'byr_test',
          paidAt: new Date().toISOString(),
          total: { amountMinor: '200', currencyCode: 'USD' },
          lines: orderLines,
        }),
      );
      expect(await level(held.skuId)).toMatchObject({ reserved: 0, committed: 2 });
      const whilePaid = await catalog<Deleted>(seller, DELETE, { input: { productIds: [held.productId], idempotencyKey: newIdempotencyKey() } });
      expect(dataOf(whilePaid).deleteProducts[0].error!.code).toBe('PRODUCT_HAS_OPEN_ORDERS');
      expect(await statusOf(held.productId)).toEqual(heldBefore);

      // Shipped: nothing is held any more, and the first call's key now deletes it (the refusal claimed nothing).
      await deliverTwice(
        'orders.order.v1',
        event('package.shipped', 'orders', orderId, {
          orderId,
          packageId: newId('pkg'),
          carrier: 'UPS',
          trackingNumber: '1Z',
          lines: orderLines,
        }),
      );
      const retried = await catalog<Deleted>(seller, DELETE, { input });
      expect(dataOf(retried).deleteProducts.map((r) => r.ok)).toEqual([true, true]);
      expect((await statusOf(held.productId)).status).toBe('DELETED');
    });

    it('holds nothing for an order that reaches catalog after its product was deleted', async () => {
      const gone = await createSku(4);
      const deleted = await catalog<Deleted>(seller, DELETE, { input: { productIds: [gone.productId], idempotencyKey: newIdempotencyKey() } });
      expect(dataOf(deleted).deleteProducts[0].ok).toBe(true);
      const late = await placeOrder([{ skuId: gone.skuId, productId: gone.productId, quantity: 1 }]);
      expect(await outboxTypes(late.orderId)).toEqual(['inventory.reservation_failed']);
      const failed = await db.query<{ p: unknown }>(`SELECT envelope->'payload' AS p FROM outbox WHERE message_key = $1`, [late.orderId]);
      expect(failed.rows[0].p).toMatchObject({ reason: 'UNKNOWN_SKU', failedSkuIds: [gone.skuId] });
      expect(await level(gone.skuId)).toMatchObject({ on_hand: 4, reserved: 0 });
    });

    it('lets a product go once its order is cancelled and the units are released', async () => {
      const held = await createSku(3);
      const { orderId } = await placeOrder([{ skuId: held.skuId, productId: held.productId, quantity: 3 }]);
      const refused = await catalog<Deleted>(seller, DELETE, { input: { productIds: [held.productId], idempotencyKey: newIdempotencyKey() } });
      expect(dataOf(refused).deleteProducts[0].error!.code).toBe('PRODUCT_HAS_OPEN_ORDERS');
      await deliverTwice('orders.order.v1', event('order.cancelled', 'orders', orderId, { orderId, reason: 'BUYER', cancelledBy: 'BUYER' }));
      const deleted = await catalog<Deleted>(seller, DELETE, { input: { productIds: [held.productId], idempotencyKey: newIdempotencyKey() } });
      expect(dataOf(deleted).deleteProducts[0].ok).toBe(true);
    });
  });

  describe('seller stock operations', () => {
    const LEVEL = 'skuId warehouseId onHand reserved committed damaged qualityControl safetyStock available version';
    const ADJUST = `mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { ${LEVEL} } }`;
    const SET = `mutation($input: SetInventoryInput!) { setInventory(input: $input) { ${LEVEL} } }`;
    const MOVE = `mutation($input: MoveInventoryStateInput!) { moveInventoryState(input: $input) { ${LEVEL} } }`;
    const THRESHOLD = `mutation($input: SetOutOfStockThresholdInput!) { setOutOfStockThreshold(input: $input) { skuId outOfStockThreshold outOfStock available } }`;
    const WAREHOUSE = `mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id } }`;
    type Adjusted = { adjustInventory: StockLevelView };
    type Moved = { moveInventoryState: StockLevelView };

    it('adjusts, sets with compare-and-set, and moves units between states', async () => {
      const { skuId } = await createSku(10);
      const key = newIdempotencyKey();
      const adjust = { skuId, warehouseId: defaultWarehouseId, delta: 5, reason: 'RECEIVED', idempotencyKey: key };
      const adjusted = await catalog<Adjusted>(seller, ADJUST, { input: adjust });
      expect(dataOf(adjusted).adjustInventory).toMatchObject({ onHand: 15, available: 15 });
      // The same key again is a replay, not a second adjustment.
      await catalog(seller, ADJUST, { input: adjust });
      expect(await level(skuId)).toMatchObject({ on_hand: 15 });

      const moved = await catalog<Moved>(seller, MOVE, {
        input: { skuId, warehouseId: defaultWarehouseId, from: 'AVAILABLE', to: 'DAMAGED', quantity: 3, idempotencyKey: newIdempotencyKey() },
      });
      expect(dataOf(moved).moveInventoryState).toMatchObject({ onHand: 15, damaged: 3, available: 12 });
      const toQc = await catalog<Moved>(seller, MOVE, {
        input: { skuId, warehouseId: defaultWarehouseId, from: 'DAMAGED', to: 'QUALITY_CONTROL', quantity: 2, idempotencyKey: newIdempotencyKey() },
      });
      expect(dataOf(toQc).moveInventoryState).toMatchObject({ damaged: 1, qualityControl: 2, available: 12 });

      const set = await catalog<{ setInventory: StockLevelView }>(seller, SET, {
        input: { skuId, warehouseId: defaultWarehouseId, quantity: 20, expectedQuantity: 15, idempotencyKey: newIdempotencyKey() },
      });
      expect(dataOf(set).setInventory).toMatchObject({ onHand: 20, available: 17 });

      const before = await snapshot();
      const stale = await catalog(seller, SET, {
        input: { skuId, warehouseId: defaultWarehouseId, quantity: 1, expectedQuantity: 15, idempotencyKey: newIdempotencyKey() },
      });
      expect(errorCodes(stale)).toEqual(['STALE_QUANTITY']);
      expect(stale.errors![0].extensions).toMatchObject({ currentQuantity: 20 });
      expect(await snapshot()).toEqual(before);

      const tooMuch = await catalog(seller, ADJUST, { input: { ...adjust, delta: -18, idempotencyKey: newIdempotencyKey() } });
      expect(errorCodes(tooMuch)).toEqual(['INSUFFICIENT_STOCK']);
      expect(await snapshot()).toEqual(before);

      const movements = await catalog<
        StockMovementsView<{ type: string; quantity: number; reason: string | null; stateFrom: string | null; stateTo: string | null }>
      >(
        seller,
        `query($after: String) { _entities(representations: [{ __typename: "Sku", id: "${skuId}" }]) {
        ... on Sku { stockMovements(first: 3, after: $after) { nodes { type quantity reason stateFrom stateTo } pageInfo { hasNextPage endCursor } } } } }`,
      );
      const page = dataOf(movements)._entities[0]!.stockMovements;
      expect(page.nodes.map((n) => n.type)).toEqual(['ADJUSTMENT', 'STATE_MOVE', 'STATE_MOVE']);
      expect(page.pageInfo.hasNextPage).toBe(true);
      const next = await catalog<StockMovementsView<{ type: string; quantity: number }>>(
        seller,
        `query($after: String) { _entities(representations: [{ __typename: "Sku", id: "${skuId}" }]) {
        ... on Sku { stockMovements(first: 3, after: $after) { nodes { type quantity } pageInfo { hasNextPage } } } } }`,
        { after: page.pageInfo.endCursor },
      );
      expect(dataOf(next)._entities[0]!.stockMovements.nodes).toEqual([
        { type: 'ADJUSTMENT', quantity: 5 },
        { type: 'RECEIPT', quantity: 10 },
      ]);
    });

    describe('refuses bad input with a typed error and writes nothing', () => {
      let mine: { skuId: string };
      let foreign: { skuId: string };
      let foreignWarehouseId: string;
      beforeAll(async () => {
        mine = await createSku(4);
        foreign = await createSku(4, other);
        const shop = await catalog<ShopWarehousesView>(other, `{ shop { warehouses { id } } }`);
        foreignWarehouseId = dataOf(shop).shop.warehouses[0].id;
      });
      const base = () => ({ skuId: mine.skuId, warehouseId: defaultWarehouseId, idempotencyKey: newIdempotencyKey() });

      const cases: Array<[string, string, () => Record<string, unknown>, string]> = [
        ['adjust by zero', ADJUST, () => ({ ...base(), delta: 0, reason: 'RECEIVED' }), 'VALIDATION_FAILED'],
        ['adjust by more than the largest delta', ADJUST, () => ({ ...base(), delta: 2_000_000, reason: 'RECEIVED' }), 'VALIDATION_FAILED'],
        ['adjust a foreign SKU', ADJUST, () => ({ ...base(), skuId: foreign.skuId, delta: 1, reason: 'RECEIVED' }), 'NOT_FOUND'],
        ['adjust in a foreign warehouse', ADJUST, () => ({ ...base(), warehouseId: foreignWarehouseId, delta: 1, reason: 'RECEIVED' }), 'NOT_FOUND'],
        ['adjust in an unknown warehouse', ADJUST, () => ({ ...base(), warehouseId: newId('whs'), delta: 1, reason: 'RECEIVED' }), 'NOT_FOUND'],
        [
          'adjust with a control character in the SKU id',
          ADJUST,
          () => ({ ...base(), skuId: 'sku_\u0007', delta: 1, reason: 'RECEIVED' }),
          'VALIDATION_FAILED',
        ],
        ['adjust with a short key', ADJUST, () => ({ ...base(), idempotencyKey: 'k', delta: 1, reason: 'RECEIVED' }), 'VALIDATION_FAILED'],
        ['set a negative quantity', SET, () => ({ ...base(), quantity: -1, expectedQuantity: 4 }), 'VALIDATION_FAILED'],
        ['set a foreign SKU', SET, () => ({ ...base(), skuId: foreign.skuId, quantity: 1, expectedQuantity: 4 }), 'NOT_FOUND'],
        ['set in an unknown warehouse', SET, () => ({ ...base(), warehouseId: newId('whs'), quantity: 1, expectedQuantity: 0 }), 'NOT_FOUND'],
        ['move zero units', MOVE, () => ({ ...base(), from: 'AVAILABLE', to: 'DAMAGED', quantity: 0 }), 'VALIDATION_FAILED'],
        ['move negative units', MOVE, () => ({ ...base(), from: 'AVAILABLE', to: 'DAMAGED', quantity: -2 }), 'VALIDATION_FAILED'],
        ['move to the same state', MOVE, () => ({ ...base(), from: 'DAMAGED', to: 'DAMAGED', quantity: 1 }), 'VALIDATION_FAILED'],
        ['move more than available', MOVE, () => ({ ...base(), from: 'AVAILABLE', to: 'SAFETY_STOCK', quantity: 5 }), 'INSUFFICIENT_STOCK'],
        ['move units the state does not have', MOVE, () => ({ ...base(), from: 'DAMAGED', to: 'AVAILABLE', quantity: 1 }), 'INSUFFICIENT_STOCK'],
        ['move a foreign SKU', MOVE, () => ({ ...base(), skuId: foreign.skuId, from: 'AVAILABLE', to: 'DAMAGED', quantity: 1 }), 'NOT_FOUND'],
        ['a negative threshold', THRESHOLD, () => ({ skuId: mine.skuId, threshold: -1, idempotencyKey: newIdempotencyKey() }), 'VALIDATION_FAILED'],
        ['a threshold on a foreign SKU', THRESHOLD, () => ({ skuId: foreign.skuId, threshold: 1, idempotencyKey: newIdempotencyKey() }), 'NOT_FOUND'],
        ['a warehouse name with a NUL', WAREHOUSE, () => ({ name: 'Dock\u0000', idempotencyKey: newIdempotencyKey() }), 'VALIDATION_FAILED'],
        ['an empty warehouse name', WAREHOUSE, () => ({ name: '  ', idempotencyKey: newIdempotencyKey() }), 'VALIDATION_FAILED'],
      ];

      it.each(cases)('%s', async (_name, mutation, input, code) => {
        const before = await snapshot();
        const result = await catalog(seller, mutation, { input: input() });
        expect(errorCodes(result)).toEqual([code]);
        expect(await snapshot()).toEqual(before);
      });

      it('refuses an adjustment that would take on-hand stock past its bound (never an integer overflow), writing nothing', async () => {
        const sku = await createSku(4);
        // Reaching the bound with real adjustments takes a thousand of the largest; start just below it instead.
        await db.query('UPDATE inventory_levels SET on_hand = $1 WHERE sku_id = $2 AND warehouse_id = $3', [999_999_990, sku.skuId, defaultWarehouseId]);
        const before = await snapshot();
        const result = await catalog(seller, ADJUST, { input: { ...base(), skuId: sku.skuId, delta: 1_000_000, reason: 'RECEIVED' } });
        expect(errorCodes(result)).toEqual(['VALIDATION_FAILED']);
        expect(await snapshot()).toEqual(before);
        const fits = await catalog(seller, ADJUST, { input: { ...base(), skuId: sku.skuId, delta: 10, reason: 'RECEIVED' } });
        expect(fits.errors).toBeUndefined();
      });

      it('refuses a reused idempotency key with other input', async () => {
        const idempotencyKey = newIdempotencyKey();
        await catalog(seller, ADJUST, { input: { ...base(), idempotencyKey, delta: 1, reason: 'RECEIVED' } });
        const before = await snapshot();
        const again = await catalog(seller, ADJUST, { input: { ...base(), idempotencyKey, delta: 2, reason: 'RECEIVED' } });
        expect(errorCodes(again)).toEqual(['IDEMPOTENCY_CONFLICT']);
        expect(await snapshot()).toEqual(before);
      });
    });

    it('emits out-of-stock and back-in-stock once per transition and lists the SKU meanwhile', async () => {
      // Live: the out-of-stock list only holds SKUs of products the seller can have on sale.
      const {
        productId,
        skuIds: [skuId],
      } = await createLiveProduct(catalog, seller, { skus: [{ initialStock: 2 }] });
      const oosList = async () => {
        const r = await catalog<OutOfStockListView<{ skuId: string; available: number; sku: { id: string } }>>(
          seller,
          `{ shop { outOfStockSkuCount outOfStockSkus(first: 100) { nodes { skuId available sku { id } } } } }`,
        );
        expect(r.errors).toBeUndefined();
        return dataOf(r).shop;
      };
      const countBefore = (await oosList()).outOfStockSkuCount;

      // An order takes the last units: out of stock once.
      const { orderId } = await placeOrder([{ skuId, productId, quantity: 2 }]);
      expect(await outboxTypes(skuId)).toEqual(['sku.out_of_stock']);
      let shop = await oosList();
      expect(shop.outOfStockSkuCount).toBe(countBefore + 1);
      expect(shop.outOfStockSkus.nodes.find((n) => n.skuId === skuId)).toEqual({ skuId, available: 0, sku: { id: skuId } });

      await deliverTwice('orders.order.v1', event('order.cancelled', 'orders', orderId, { orderId, reason: 'BUYER', cancelledBy: 'BUYER' }));
      expect(await outboxTypes(skuId)).toEqual(['sku.out_of_stock', 'sku.back_in_stock']);
      shop = await oosList();
      expect(shop.outOfStockSkuCount).toBe(countBefore);

      // A change that stays in stock emits nothing; raising the threshold above available flips it.
      await catalog(seller, ADJUST, { input: { skuId, warehouseId: defaultWarehouseId, delta: -1, reason: 'LOST', idempotencyKey: newIdempotencyKey() } });
      expect(await outboxTypes(skuId)).toEqual(['sku.out_of_stock', 'sku.back_in_stock']);
      const threshold = await catalog<{ setOutOfStockThreshold: { skuId: string; outOfStockThreshold: number; outOfStock: boolean; available: number } }>(
        seller,
        THRESHOLD,
        { input: { skuId, threshold: 1, idempotencyKey: newIdempotencyKey() } },
      );
      expect(dataOf(threshold).setOutOfStockThreshold).toEqual({ skuId, outOfStockThreshold: 1, outOfStock: true, available: 1 });
      expect(await outboxTypes(skuId)).toEqual(['sku.out_of_stock', 'sku.back_in_stock', 'sku.out_of_stock']);
      expect((await oosList()).outOfStockSkuCount).toBe(countBefore + 1);
    });

    it('judges a SKU by available units summed over all warehouses, also under a warehouse filter', async () => {
      const overflow = dataOf(
        await catalog<{ createWarehouse: { id: string } }>(seller, WAREHOUSE, { input: { name: 'Overflow', idempotencyKey: newIdempotencyKey() } }),
      );
      const overflowId = overflow.createWarehouse.id;
      const stockIn = async (skuId: string, warehouseId: string, delta: number) =>
        expect(
          (await catalog(seller, ADJUST, { input: { skuId, warehouseId, delta, reason: 'RECEIVED', idempotencyKey: newIdempotencyKey() } })).errors,
        ).toBeUndefined();
      const damage = async (skuId: string, warehouseId: string, quantity: number) =>
        expect(
          (await catalog(seller, MOVE, { input: { skuId, warehouseId, from: 'AVAILABLE', to: 'DAMAGED', quantity, idempotencyKey: newIdempotencyKey() } }))
            .errors,
        ).toBeUndefined();
      const skuState = async (skuId: string) => {
        const r = await catalog<Entities<{ availableQuantity: number; outOfStock: boolean }>>(
          seller,
          `{ _entities(representations: [{ __typename: "Sku", id: "${skuId}" }]) { ... on Sku { availableQuantity outOfStock } } }`,
        );
        return dataOf(r)._entities[0];
      };
      const listed = async (filter: Record<string, unknown>) =>
        dataOf(
          await catalog<ShopProductsView>(seller, `query($filter: ProductFilter) { shop { products(first: 50, filter: $filter) { nodes { id } } } }`, {
            filter,
          }),
        ).shop.products.nodes.map((n) => n.id);

      // Empty in the default warehouse, 5 in the overflow one: in stock, the overflow covers it.
      const spread = await createSku(0);
      expect(await skuState(spread.skuId)).toEqual({ availableQuantity: 0, outOfStock: true });
      await stockIn(spread.skuId, overflowId, 5);
      expect(await skuState(spread.skuId)).toEqual({ availableQuantity: 5, outOfStock: false });
      // The threshold compares with the sum too: 5 available at threshold 5 is out, at 4 it is back.
      await catalog(seller, THRESHOLD, { input: { skuId: spread.skuId, threshold: 5, idempotencyKey: newIdempotencyKey() } });
      expect(await skuState(spread.skuId)).toEqual({ availableQuantity: 5, outOfStock: true });
      await catalog(seller, THRESHOLD, { input: { skuId: spread.skuId, threshold: 4, idempotencyKey: newIdempotencyKey() } });
      expect(await skuState(spread.skuId)).toEqual({ availableQuantity: 5, outOfStock: false });
      expect(await outboxTypes(spread.skuId)).toEqual(['sku.out_of_stock', 'sku.back_in_stock', 'sku.out_of_stock', 'sku.back_in_stock']);

      // Nothing sellable in the overflow warehouse, but 4 in the default one: not out of stock.
      const coveredElsewhere = await createSku(4);
      await stockIn(coveredElsewhere.skuId, overflowId, 1);
      await damage(coveredElsewhere.skuId, overflowId, 1);
      // Nothing sellable anywhere, though it has a record in the overflow warehouse: out of stock.
      const emptyEverywhere = await createSku(0);
      await stockIn(emptyEverywhere.skuId, overflowId, 1);
      await damage(emptyEverywhere.skuId, overflowId, 1);
      // Out of stock, but never stocked in the overflow warehouse.
      const elsewhereOnly = await createSku(0);
      expect(await skuState(coveredElsewhere.skuId)).toEqual({ availableQuantity: 4, outOfStock: false });
      expect(await skuState(emptyEverywhere.skuId)).toEqual({ availableQuantity: 0, outOfStock: true });

      // The warehouse narrows the products; out of stock is still judged across all warehouses.
      expect(await listed({ warehouseId: overflowId })).toEqual([emptyEverywhere.productId, coveredElsewhere.productId, spread.productId]);
      expect(await listed({ warehouseId: overflowId, outOfStock: true })).toEqual([emptyEverywhere.productId]);
      expect(await listed({ warehouseId: overflowId, outOfStock: false })).toEqual([coveredElsewhere.productId, spread.productId]);
      const outOfStock = await listed({ outOfStock: true });
      expect(outOfStock).toEqual(expect.arrayContaining([emptyEverywhere.productId, elsewhereOnly.productId]));
      expect(outOfStock).not.toContain(coveredElsewhere.productId);
      expect(outOfStock).not.toContain(spread.productId);
    });

    it('keeps the stock ledger append-only in the database itself', async () => {
      await createSku(1);
      const [{ id }] = (await db.query<{ id: string }>('SELECT max(id) AS id FROM stock_movements')).rows;
      await expect(db.query('UPDATE stock_movements SET quantity = quantity + 1 WHERE id = $1', [id])).rejects.toMatchObject({ code: '23001' });
      await expect(db.query('DELETE FROM stock_movements WHERE id = $1', [id])).rejects.toMatchObject({ code: '23001' });
      await expect(db.query('TRUNCATE stock_movements')).rejects.toMatchObject({ code: '23001' });
    });

    it('answers the out-of-stock list and its count from the partial index of listed SKUs', async () => {
      await db.query('ANALYZE sku_stock_status');
      await db.query('SET enable_seqscan = off');
      const explain = async (sql: string) =>
        (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [seller.sellerId])).rows.map((r) => r['QUERY PLAN']).join('\n');
      const list = await explain(`SELECT sku_id FROM sku_stock_status WHERE seller_id = $1 AND ${LISTED_OUT_OF_STOCK} ORDER BY sku_id DESC LIMIT 21`);
      const count = await explain(`SELECT count(*) FROM sku_stock_status WHERE seller_id = $1 AND ${LISTED_OUT_OF_STOCK}`);
      await db.query('RESET enable_seqscan');
      expect(list).toContain('sku_stock_status_listed_oos_idx');
      expect(list).not.toContain('Sort');
      expect(count).toContain('Index Only Scan using sku_stock_status_listed_oos_idx');
    });

    it('lists out-of-stock SKUs of live and seller-deactivated products only, exact through delete, recover and activate', async () => {
      const shop = newSeller();
      expect(
        (await catalog(shop, `mutation { registerShop(input: { name: "Action list", currencyCode: "USD", timeZone: "UTC" }) { id } }`)).errors,
      ).toBeUndefined();
      const bulk = (name: string, productId: string) =>
        catalog<Record<string, Array<{ ok: boolean; error: { code: string } | null }>>>(
          shop,
          `mutation($input: BulkProductsInput!) { ${name}(input: $input) { ok error { code } } }`,
          {
            input: { productIds: [productId], idempotencyKey: newIdempotencyKey() },
          },
        );
      const actionList = async () => {
        const r = await catalog<OutOfStockListView>(shop, `{ shop { outOfStockSkuCount outOfStockSkus(first: 100) { nodes { skuId } } } }`);
        expect(r.errors).toBeUndefined();
        const { outOfStockSkuCount, outOfStockSkus } = dataOf(r).shop;
        return { count: outOfStockSkuCount, skuIds: outOfStockSkus.nodes.map((n) => n.skuId).sort() };
      };

      const live = await createLiveProduct(catalog, shop, {
        skus: [
          { initialStock: 0, salesAttributes: [{ name: 'Colour', value: 'Red' }] },
          { initialStock: 0, salesAttributes: [{ name: 'Colour', value: 'Blue' }] },
          { initialStock: 5, salesAttributes: [{ name: 'Colour', value: 'Green' }] },
        ],
      });
      const emptySkus = live.skuIds.slice(0, 2).sort();
      // Out of stock too, but not the seller's to put back on sale: a draft, a frozen product, a deleted one.
      const draft = await catalog(shop, CREATE, {
        input: {
          title: 'Empty draft',
          idempotencyKey: newIdempotencyKey(),
          skus: [{ sellerSku: `D-${randomUUID()}`, price: { amountMinor: '900', currencyCode: 'USD' } }],
        },
      });
      expect(draft.errors).toBeUndefined();
      const frozen = await createLiveProduct(catalog, shop, { skus: [{ initialStock: 0 }] });
      const frozenResult = await catalog<{ freezeProduct: { status: string } }>(
        TEST_PLATFORM,
        `mutation($input: PlatformProductActionInput!) { freezeProduct(input: $input) { status } }`,
        {
          input: { productId: frozen.productId, reason: 'Counterfeit report', idempotencyKey: newIdempotencyKey() },
        },
      );
      expect(dataOf(frozenResult).freezeProduct.status).toBe('FREEZE');
      const gone = await createLiveProduct(catalog, shop, { skus: [{ initialStock: 0 }] });
      expect(await actionList()).toEqual({ count: 3, skuIds: [...emptySkus, gone.skuIds[0]].sort() });
      expect(dataOf(await bulk('deleteProducts', gone.productId)).deleteProducts[0].ok).toBe(true);
      expect(await actionList()).toEqual({ count: 2, skuIds: emptySkus });

      // The live product through the seller's status changes: listed exactly while it can be on sale.
      const steps: Array<[string, number]> = [
        ['deactivateProducts', 2],
        ['deleteProducts', 0],
        ['recoverProducts', 2],
        ['activateProducts', 2],
      ];
      for (const [action, count] of steps) {
        expect({ action, ok: dataOf(await bulk(action, live.productId))[action][0].ok }).toEqual({ action, ok: true });
        expect({ action, ...(await actionList()) }).toEqual({ action, count, skuIds: count === 0 ? [] : emptySkus });
      }
      // Back in stock on a live product leaves the list; the mirrored status never drifts from the product's.
      await catalog(shop, `mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { available } }`, {
        input: {
          skuId: emptySkus[0],
          warehouseId: (await db.query<{ id: string }>('SELECT id FROM warehouses WHERE seller_id = $1', [shop.sellerId])).rows[0].id,
          delta: 3,
          reason: 'RECEIVED',
          idempotencyKey: newIdempotencyKey(),
        },
      });
      expect(await actionList()).toEqual({ count: 1, skuIds: [emptySkus[1]] });
      const drift = await db.query<CountRow>(
        `SELECT count(*)::int AS n FROM sku_stock_status st JOIN products p ON p.id = st.product_id WHERE st.product_status <> p.status`,
      );
      expect(drift.rows[0].n).toBe(0);
    });
  });

  describe('storefront traffic', () => {
    it('rolls page views up per shop-local day with distinct visitors, once per event', async () => {
      const { productId } = await createSku(1);
      const view = (visitorId: string, viewedAt: string) =>
        testEvent({
          type: 'page.viewed',
          source: 'storefront',
          sellerId: 'unknown',
          aggregateType: 'Product',
          aggregateId: productId,
          actor: { type: 'BUYER', id: null },
          payload: { productId, visitorId, viewedAt },
        });
      // America/New_York is UTC-4 on 10 March 2026: 03:30Z is still 9 March there.
      const views = [
        view('v1', '2026-03-10T03:30:00Z'),
        view('v1', '2026-03-10T05:00:00Z'),
        view('v2', '2026-03-10T12:00:00Z'),
        view('v2', '2026-03-10T13:00:00Z'),
      ];
      const unknown = testEvent({
        type: 'page.viewed',
        source: 'storefront',
        sellerId: 'x',
        aggregateType: 'Product',
        aggregateId: productId,
        actor: { type: 'BUYER', id: null },
        payload: { productId: newId('prd'), visitorId: 'v9', viewedAt: '2026-03-10T12:00:00Z' },
      });
      await publishRaw(stack.settings, 'storefront.traffic.v1', [...views, views[2], unknown]);
      await eventually(
        async () => (await db.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [unknown.id])).rowCount,
        (n) => n === 1,
      );

      const expected = [
        { date: '2026-03-09', visitors: 1, pageViews: 1 },
        { date: '2026-03-10', visitors: 2, pageViews: 3 },
        { date: '2026-03-11', visitors: 0, pageViews: 0 },
      ];
      const shop = await catalog<{ shop: { visitors: TrafficDayView[] } }>(
        seller,
        `{ shop { visitors(from: "2026-03-09", to: "2026-03-11") { date visitors pageViews } } }`,
      );
      expect(dataOf(shop).shop.visitors).toEqual(expected);
      const product = await catalog<{ product: { pageViews: TrafficDayView[] } }>(
        seller,
        `query($id: ID!) { product(id: $id) { pageViews(from: "2026-03-09", to: "2026-03-11") { date visitors pageViews } } }`,
        { id: productId },
      );
      expect(dataOf(product).product.pageViews).toEqual(expected);
      const theirs = await catalog<{ shop: { visitors: Array<Pick<TrafficDayView, 'visitors'>> } }>(
        other,
        `{ shop { visitors(from: "2026-03-09", to: "2026-03-10") { visitors } } }`,
      );
      expect(dataOf(theirs).shop.visitors.map((d) => d.visitors)).toEqual([0, 0]);

      const bad = await catalog(seller, `{ shop { visitors(from: "2026-03-11", to: "2026-03-09") { date } } }`);
      expect(errorCodes(bad)).toEqual(['VALIDATION_FAILED']);
    });
  });
});
