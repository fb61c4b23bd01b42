import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OrderPlacedV1 } from '@sc/events';
import { ProjectedOrderStatus } from './projected-order-status';

/**
 * Applies orders.order.v1 facts to the read model, in any delivery order.
 *
 * Two kinds of fact: the placement facts (buyer, currency, lines) that never change, and the status,
 * which changes. The status is last-writer-wins by the order's aggregate version, so an older event
 * arriving late never overwrites a newer status. A status event for an order whose `order.placed` has
 * not arrived yet creates the row with the status only; `order.placed` fills in the rest later and
 * keeps the newer status. Until then the order has no buyer, so nobody can request a return on it.
 */
@Injectable()
export class OrderProjectionWriter {
  async applyPlaced(manager: EntityManager, event: EventEnvelope<OrderPlacedV1>): Promise<void> {
    const { orderId, buyerId, total, lines } = event.payload;
    await manager.query(
      `INSERT INTO orders (id, seller_id, buyer_id, currency_code, status, status_version, placed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET
         buyer_id = EXCLUDED.buyer_id,
         currency_code = EXCLUDED.currency_code,
         placed_at = EXCLUDED.placed_at,
         status = CASE WHEN orders.status_version < EXCLUDED.status_version THEN EXCLUDED.status ELSE orders.status END,
         status_version = GREATEST(orders.status_version, EXCLUDED.status_version),
         updated_at = now()
       WHERE orders.seller_id = EXCLUDED.seller_id`,
      [orderId, event.sellerId, buyerId, total.currencyCode, ProjectedOrderStatus.PENDING, event.aggregateVersion, event.occurredAt],
    );
    await manager.query(
      `INSERT INTO order_lines (id, order_id, seller_id, sku_id, product_id, quantity, unit_price_minor, position)
       SELECT l.id, $1, $2, l.sku_id, l.product_id, l.quantity, l.unit_price_minor, l.position - 1
         FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::bigint[]) WITH ORDINALITY
              AS l(id, sku_id, product_id, quantity, unit_price_minor, position)
       ON CONFLICT (id) DO NOTHING`,
      [
        orderId,
        event.sellerId,
        lines.map((l) => l.orderLineId),
        lines.map((l) => l.skuId),
        lines.map((l) => l.productId),
        lines.map((l) => l.quantity),
        lines.map((l) => l.unitPrice.amountMinor),
      ],
    );
  }

  /** A status change; ignored when the stored status comes from a newer (or the same) order version. */
  async applyStatus(manager: EntityManager, event: EventEnvelope<{ orderId: string }>, status: string): Promise<void> {
    await manager.query(
      `INSERT INTO orders (id, seller_id, status, status_version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, status_version = EXCLUDED.status_version, updated_at = now()
       WHERE orders.seller_id = EXCLUDED.seller_id AND orders.status_version < EXCLUDED.status_version`,
      [event.payload.orderId, event.sellerId, status, event.aggregateVersion],
    );
  }
}
