import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OrderLinesCancelledV1, OrderPaidV1, OrderPlacedV1, OrderStatusChangedV1, PackageShippedV1 } from '@sc/events';
import { WriteTx } from '@sc/kit';
import { ProjectedOrderStatus } from './projected-order-status';

/**
 * Applies orders.order.v1 facts to the read model, in any delivery order.
 *
 * Two kinds of fact: the placement facts (buyer, currency, lines) that never change, and the status,
 * which changes. The status is last-writer-wins by the order's aggregate version, so an older event
 * arriving late never overwrites a newer status. A status event for an order whose `order.placed` has
 * not arrived yet creates the row with the status only; `order.placed` fills in the rest later and
 * keeps the newer status. Until then the order has no buyer, so nobody can request a return on it.
 * Shipped and cancelled units are a third kind: a ledger in order_line_units, one row per source (package or
 * cancelling event) and line, added in any order and never twice. The lines' shares of the order's discount
 * and fee are a fourth: as placed in order_lines, replaced after partial cancellations by the newest snapshot
 * in order_line_shares (last-writer-wins by version, like the status). Every method runs in the consumer's inbox
 * transaction (`tx`); `updated_at` is the service clock's now.
 */
@Injectable()
export class OrderProjectionWriter {
  async applyPlaced(tx: WriteTx, event: EventEnvelope<OrderPlacedV1>): Promise<void> {
    const { manager } = tx;
    const { orderId, buyerId, total, lines } = event.payload;
    await manager.query(
      `INSERT INTO orders (id, seller_id, buyer_id, currency_code, status, status_version, placed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET
         buyer_id = EXCLUDED.buyer_id,
         currency_code = EXCLUDED.currency_code,
         placed_at = EXCLUDED.placed_at,
         status = CASE WHEN orders.status_version < EXCLUDED.status_version THEN EXCLUDED.status ELSE orders.status END,
         status_version = GREATEST(orders.status_version, EXCLUDED.status_version),
         updated_at = EXCLUDED.updated_at
       WHERE orders.seller_id = EXCLUDED.seller_id`,
      [orderId, event.sellerId, buyerId, total.currencyCode, ProjectedOrderStatus.PENDING, event.aggregateVersion, event.occurredAt, tx.now],
    );
    await manager.query(
      `INSERT INTO order_lines (id, order_id, seller_id, sku_id, product_id, quantity, unit_price_minor, seller_discount_minor, shipping_fee_minor, position)
       SELECT l.id, $1, $2, l.sku_id, l.product_id, l.quantity, l.unit_price_minor, l.seller_discount_minor, l.shipping_fee_minor, l.position - 1
         FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::bigint[], $8::bigint[], $9::bigint[]) WITH ORDINALITY
              AS l(id, sku_id, product_id, quantity, unit_price_minor, seller_discount_minor, shipping_fee_minor, position)
       ON CONFLICT (id) DO NOTHING`,
      [
        orderId,
        event.sellerId,
        lines.map((l) => l.orderLineId),
        lines.map((l) => l.skuId),
        lines.map((l) => l.productId),
        lines.map((l) => l.quantity),
        lines.map((l) => l.unitPrice.amountMinor),
        lines.map((l) => l.sellerDiscount?.amountMinor ?? '0'),
        lines.map((l) => l.shippingFee?.amountMinor ?? '0'),
      ],
    );
  }

  /**
   * The payment time, which never changes once set. A payment that arrives before `order.placed` creates
   * a stub at version 0 (not returnable) that every later status event overrides.
   */
  async applyPaid(tx: WriteTx, event: EventEnvelope<OrderPaidV1>): Promise<void> {
    await tx.manager.query(
      `INSERT INTO orders (id, seller_id, status, status_version, paid_at, updated_at) VALUES ($1, $2, $3, 0, $4, $5)
       ON CONFLICT (id) DO UPDATE SET paid_at = EXCLUDED.paid_at, updated_at = EXCLUDED.updated_at
       WHERE orders.seller_id = EXCLUDED.seller_id AND orders.paid_at IS NULL`,
      [event.payload.orderId, event.sellerId, ProjectedOrderStatus.PENDING, new Date(event.payload.paidAt), tx.now],
    );
  }

  /**
   * Every status transition orders reports (last-writer-wins by version, like {@link applyStatus}). The time
   * the order reached DELIVERED is kept once, whatever the delivery order of later events: the after-sales
   * window runs from it.
   */
  async applyStatusChanged(tx: WriteTx, event: EventEnvelope<OrderStatusChangedV1>): Promise<void> {
    const deliveredAt = event.payload.to === ProjectedOrderStatus.DELIVERED ? new Date(event.occurredAt) : null;
    await tx.manager.query(
      `INSERT INTO orders (id, seller_id, status, status_version, delivered_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET
         status = CASE WHEN orders.status_version < EXCLUDED.status_version THEN EXCLUDED.status ELSE orders.status END,
         status_version = GREATEST(orders.status_version, EXCLUDED.status_version),
         delivered_at = COALESCE(orders.delivered_at, EXCLUDED.delivered_at),
         updated_at = EXCLUDED.updated_at
       WHERE orders.seller_id = EXCLUDED.seller_id`,
      [event.payload.orderId, event.sellerId, event.payload.to, event.aggregateVersion, deliveredAt, tx.now],
    );
  }

  /** Units a package took out of the order; once per (package, line), so a redelivered event adds nothing. */
  applyShipped(tx: WriteTx, event: EventEnvelope<PackageShippedV1>): Promise<void> {
    return this.addUnits(tx.manager, event.sellerId, event.payload.orderId, 'SHIPPED', event.payload.packageId, event.payload.lines);
  }

  /**
   * Units cancelled before shipment (the cancellation refunds them, so after-sales never may); once per event.
   * A whole-order cancellation needs no units: the order's CANCELLED status already refuses every request.
   * The lines' re-split shares, when the event carries them, replace older ones (see {@link applyLineShares}).
   */
  async applyLinesCancelled(tx: WriteTx, event: EventEnvelope<OrderLinesCancelledV1>): Promise<void> {
    await this.addUnits(tx.manager, event.sellerId, event.payload.orderId, 'CANCELLED', event.id, event.payload.lines);
    if (event.payload.lineShares?.length) await this.applyLineShares(tx.manager, event, event.payload.lineShares);
  }

  /**
   * Each line's current shares of the seller discount and shipping fee, last-writer-wins per line by the
   * order's aggregate version: every event carries all lines, so the newest event's snapshot is the truth
   * whatever order events arrive in, and a redelivered or older one changes nothing.
   */
  private async applyLineShares(
    manager: EntityManager,
    event: EventEnvelope<{ orderId: string }>,
    shares: NonNullable<OrderLinesCancelledV1['lineShares']>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO order_line_shares (order_line_id, order_id, seller_id, live_quantity, seller_discount_minor, shipping_fee_minor, order_version)
       SELECT s.order_line_id, $1, $2, s.live_quantity, s.seller_discount_minor, s.shipping_fee_minor, $3
         FROM unnest($4::text[], $5::int[], $6::bigint[], $7::bigint[]) AS s(order_line_id, live_quantity, seller_discount_minor, shipping_fee_minor)
       ON CONFLICT (order_line_id) DO UPDATE SET
         live_quantity = EXCLUDED.live_quantity,
         seller_discount_minor = EXCLUDED.seller_discount_minor,
         shipping_fee_minor = EXCLUDED.shipping_fee_minor,
         order_version = EXCLUDED.order_version
       WHERE order_line_shares.order_version < EXCLUDED.order_version
         AND order_line_shares.order_id = EXCLUDED.order_id AND order_line_shares.seller_id = EXCLUDED.seller_id`,
      [
        event.payload.orderId,
        event.sellerId,
        event.aggregateVersion,
        shares.map((s) => s.orderLineId),
        shares.map((s) => s.liveQuantity),
        shares.map((s) => s.sellerDiscount.amountMinor),
        shares.map((s) => s.shippingFee.amountMinor),
      ],
    );
  }

  private async addUnits(
    manager: EntityManager,
    sellerId: string,
    orderId: string,
    kind: 'SHIPPED' | 'CANCELLED',
    sourceId: string,
    lines: Array<{ orderLineId: string; quantity: number }>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO order_line_units (kind, source_id, order_line_id, order_id, seller_id, quantity)
       SELECT $1, $2, l.order_line_id, $3, $4, l.quantity FROM unnest($5::text[], $6::int[]) AS l(order_line_id, quantity)
       ON CONFLICT (kind, source_id, order_line_id) DO NOTHING`,
      [kind, sourceId, orderId, sellerId, lines.map((l) => l.orderLineId), lines.map((l) => l.quantity)],
    );
  }

  /** A status change; ignored when the stored status comes from a newer (or the same) order version. */
  async applyStatus(tx: WriteTx, event: EventEnvelope<{ orderId: string }>, status: string): Promise<void> {
    await tx.manager.query(
      `INSERT INTO orders (id, seller_id, status, status_version, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, status_version = EXCLUDED.status_version, updated_at = EXCLUDED.updated_at
       WHERE orders.seller_id = EXCLUDED.seller_id AND orders.status_version < EXCLUDED.status_version`,
      [event.payload.orderId, event.sellerId, status, event.aggregateVersion, tx.now],
    );
  }
}
