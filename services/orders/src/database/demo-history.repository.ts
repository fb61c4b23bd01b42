import { EntityManager } from 'typeorm';
import { returnedRows } from '@sc/db';
import { applyOrderCancelled, applyOrderPaid, shopTimeZone } from '../dashboard/rollup.writer';
import { DEFAULT_REGION } from '../order/policy/region-policy';
import { storedOrderSettings } from '../shop-settings/shop-settings.repository';
import { DemoHistoryInput, PlannedOrder } from './demo-history';

// Reads and writes of the demo history, in orders' own database only: what it knows of the shop's SKUs and
// prices (sku_prices, fed by catalog's events), its order settings and its time zone (dashboard_shops).

/**
 * What {@link planDemoHistory} needs, from orders' tables: the shop's sellable SKUs at their current prices
 * (ordered by id, so the plan picks the same ones each time), its region and shipping setting, its time zone.
 */
export async function historyInputFor(manager: EntityManager, sellerId: string, now: Date, days: number): Promise<DemoHistoryInput> {
  const skus: Array<{ sku_id: string; product_id: string; price_minor: string; currency_code: string }> = await manager.query(
    `SELECT sku_id, product_id, price_minor::text AS price_minor, currency_code FROM sku_prices WHERE seller_id = $1 AND sellable ORDER BY sku_id`,
    [sellerId],
  );
  const settings = await storedOrderSettings(manager, sellerId);
  return {
    sellerId,
    now,
    days,
    timeZone: await shopTimeZone(manager, sellerId),
    region: settings.region ?? DEFAULT_REGION,
    skus: skus.map((s) => ({ skuId: s.sku_id, productId: s.product_id, priceMinor: s.price_minor, currencyCode: s.currency_code.trim() })),
    shipping: settings.shipping,
  };
}

/** How many planned orders were new (the others were imported by an earlier run and left as they are). */
export interface DemoHistoryWritten {
  planned: number;
  inserted: number;
}

/**
 * Writes planned orders with their lines, package and timers (each INSERT … ON CONFLICT DO NOTHING, so a rerun
 * adds only days it had not imported) and, for the new ones only, the dashboard facts and rollups through the very
 * functions `order.paid` and `order.cancelled` apply, so the dashboard's sums are those of the orders. It writes
 * no outbox row: this is imported history, and no other service hears of it. Call it in one transaction.
 */
export async function writeDemoHistory(manager: EntityManager, sellerId: string, orders: readonly PlannedOrder[]): Promise<DemoHistoryWritten> {
  const inserted = new Set<string>();
  for (const rows of chunks(orders)) {
    const ids = await insertRows(
      manager,
      'orders',
      ORDER_COLUMNS,
      rows.map((o) => orderRow(sellerId, o)),
      'id',
    );
    for (const id of ids) inserted.add(id);
  }
  // Children only of orders this run inserted: an order kept from an earlier run keeps what it had.
  const fresh = orders.filter((o) => inserted.has(o.id));
  for (const rows of chunks(fresh)) {
    await insertRows(
      manager,
      'order_lines',
      LINE_COLUMNS,
      rows.flatMap((o) => o.lines.map((l) => lineRow(sellerId, o, l))),
    );
    const shipped = rows.filter((o) => o.package);
    await insertRows(
      manager,
      'packages',
      PACKAGE_COLUMNS,
      shipped.map((o) => packageRow(sellerId, o)),
    );
    await insertRows(
      manager,
      'package_lines',
      PACKAGE_LINE_COLUMNS,
      shipped.flatMap((o) => o.lines.map((l) => [o.package!.id, l.id, l.quantity])),
    );
    await insertRows(
      manager,
      'order_timers',
      TIMER_COLUMNS,
      rows.flatMap((o) => o.timers.map((t) => [t.id, o.id, sellerId, t.kind, '', t.dueAt, t.firedAt, t.createdAt])),
    );
  }
  for (const order of fresh) {
    await applyOrderPaid(manager, {
      sellerId,
      orderId: order.id,
      buyerId: order.buyerId,
      paidAt: order.paidAt,
      totalMinor: order.totalMinor.toString(),
      currencyCode: order.currencyCode,
    });
    if (order.cancelledAt) await applyOrderCancelled(manager, { sellerId, orderId: order.id, cancelledAt: order.cancelledAt });
  }
  return { planned: orders.length, inserted: inserted.size };
}

const ORDER_COLUMNS = [
  'id',
  'seller_id',
  'buyer_id',
  'status',
  'version',
  'currency_code',
  'region',
  'subtotal_minor',
  'shipping_fee_minor',
  'seller_discount_minor',
  'total_minor',
  'recipient_name',
  'recipient_phone',
  'recipient_address',
  'cancel_reason',
  'cancelled_by',
  'paid_at',
  'unpaid_expires_at',
  'remorse_ends_at',
  'ship_by_at',
  'auto_cancel_at',
  'delivered_at',
  'completes_at',
  'created_at',
  'updated_at',
];

const orderRow = (sellerId: string, o: PlannedOrder): unknown[] => [
  o.id,
  sellerId,
  o.buyerId,
  o.status,
  o.version,
  o.currencyCode,
  o.region,
  o.subtotalMinor.toString(),
  o.shippingFeeMinor.toString(),
  o.sellerDiscountMinor.toString(),
  o.totalMinor.toString(),
  o.recipient.name,
  o.recipient.phone,
  o.recipient.address,
  o.cancelReason,
  o.cancelledBy,
  o.paidAt,
  o.unpaidExpiresAt,
  o.remorseEndsAt,
  o.shipByAt,
  o.autoCancelAt,
  o.deliveredAt,
  o.completesAt,
  o.placedAt,
  o.updatedAt,
];

const LINE_COLUMNS = [
  'id',
  'order_id',
  'seller_id',
  'sku_id',
  'product_id',
  'quantity',
  'unit_price_minor',
  'line_total_minor',
  'position',
  'packed_quantity',
  'shipped_quantity',
  'shipping_fee_minor',
  'seller_discount_minor',
];

const lineRow = (sellerId: string, o: PlannedOrder, l: PlannedOrder['lines'][number]): unknown[] => {
  const shipped = o.package ? l.quantity : 0;
  return [
    l.id,
    o.id,
    sellerId,
    l.skuId,
    l.productId,
    l.quantity,
    l.unitPriceMinor.toString(),
    l.lineTotalMinor.toString(),
    l.position,
    shipped,
    shipped,
    l.shippingFeeMinor.toString(),
    l.sellerDiscountMinor.toString(),
  ];
};

const PACKAGE_COLUMNS = ['id', 'order_id', 'seller_id', 'status', 'carrier', 'tracking_number', 'shipped_at', 'in_transit_at', 'delivered_at', 'created_at'];

const packageRow = (sellerId: string, o: PlannedOrder): unknown[] => {
  const p = o.package!;
  return [p.id, o.id, sellerId, p.status, p.carrier, p.trackingNumber, p.shippedAt, p.inTransitAt, p.deliveredAt, p.createdAt];
};

const PACKAGE_LINE_COLUMNS = ['package_id', 'order_line_id', 'quantity'];

const TIMER_COLUMNS = ['id', 'order_id', 'seller_id', 'kind', 'ref', 'due_at', 'fired_at', 'created_at'];

// Orders per statement: a chunk's lines stay well under PostgreSQL's 65,535 bind parameters.
const CHUNK = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** One multi-row INSERT … ON CONFLICT DO NOTHING; returns the `returning` column of the rows it inserted. */
async function insertRows(manager: EntityManager, table: string, columns: string[], rows: unknown[][], returning?: string): Promise<string[]> {
  if (rows.length === 0) return [];
  const params: unknown[] = [];
  const values = rows.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
  const result = await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING${returning ? ` RETURNING ${returning}` : ''}`,
    params,
  );
  return returning ? returnedRows<Record<string, string>>(result).map((r) => r[returning]) : [];
}
