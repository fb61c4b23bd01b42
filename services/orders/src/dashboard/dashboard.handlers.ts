import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OrderCancelledV1, OrderLinesCancelledV1, OrderPaidV1, PageViewedV1, ProductCreatedV1, RefundIssuedV1, ShopRegisteredV1 } from '@sc/events';
import { returnedRows } from '@sc/db';
import { EventHandler } from '@sc/messaging';
import { rebuildDashboardRollups } from './rollup-rebuild';
import { applyOrderCancelled, applyOrderLinesCancelled, applyOrderPaid, applyPageView, applyRefundIssued } from './rollup.writer';

// Consumers feeding the home dashboard. Each runs inside the inbox transaction (exactly once per event)
// and tolerates redelivery and arrival in any order.

/** shop.registered → the shop's currency and time zone; re-buckets the sales rollups when the zone changes. */
@Injectable()
export class ShopRegisteredDashboardHandler implements EventHandler<ShopRegisteredV1> {
  readonly topic = 'catalog.product.v1' as const;
  readonly eventType = 'shop.registered';

  async handle(event: EventEnvelope<ShopRegisteredV1>, manager: EntityManager): Promise<void> {
    const { shopId, currencyCode, timeZone } = event.payload;
    const changed: unknown[] = await manager.query(
      `INSERT INTO dashboard_shops (seller_id, currency_code, time_zone) VALUES ($1, $2, $3)
       ON CONFLICT (seller_id) DO UPDATE SET currency_code = EXCLUDED.currency_code, time_zone = EXCLUDED.time_zone
         WHERE dashboard_shops.time_zone <> EXCLUDED.time_zone OR dashboard_shops.currency_code <> EXCLUDED.currency_code
       RETURNING seller_id`,
      [shopId, currencyCode, timeZone],
    );
    // Payments that arrived first were bucketed in UTC.
    if (changed.length > 0) await rebuildDashboardRollups(manager, shopId);
  }
}

/** order.paid → GMV, net sales, orders and buyers of the payment day. */
@Injectable()
export class OrderPaidDashboardHandler implements EventHandler<OrderPaidV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.paid';

  handle(event: EventEnvelope<OrderPaidV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    return applyOrderPaid(manager, {
      sellerId: event.sellerId,
      orderId: p.orderId,
      buyerId: p.buyerId,
      paidAt: new Date(p.paidAt),
      totalMinor: p.total.amountMinor,
      currencyCode: p.total.currencyCode,
    });
  }
}

/** order.cancelled → a paid order leaves net sales. */
@Injectable()
export class OrderCancelledDashboardHandler implements EventHandler<OrderCancelledV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.cancelled';

  handle(event: EventEnvelope<OrderCancelledV1>, manager: EntityManager): Promise<void> {
    return applyOrderCancelled(manager, { sellerId: event.sellerId, orderId: event.payload.orderId, cancelledAt: new Date(event.occurredAt) });
  }
}

/** order.lines_cancelled → the cancelled lines' amount of a paid order leaves net sales. */
@Injectable()
export class OrderLinesCancelledDashboardHandler implements EventHandler<OrderLinesCancelledV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.lines_cancelled';
  async handle(event: EventEnvelope<OrderLinesCancelledV1>, manager: EntityManager): Promise<void> {
    const amount = event.payload.cancelledAmount;
    // Older producers did not say what the lines were worth; there is nothing to take out then.
    if (!amount || amount.amountMinor === '0') return;
    await applyOrderLinesCancelled(manager, { sellerId: event.sellerId, orderId: event.payload.orderId, amountMinor: amount.amountMinor });
  }
}

/** refund.issued (returns) → refunds and net sales of the refund's own day. */
@Injectable()
export class RefundIssuedDashboardHandler implements EventHandler<RefundIssuedV1> {
  readonly topic = 'returns.refund.v1' as const;
  readonly eventType = 'refund.issued';

  handle(event: EventEnvelope<RefundIssuedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    return applyRefundIssued(manager, {
      sellerId: event.sellerId,
      refundId: p.refundId,
      orderId: p.orderId,
      returnId: p.returnId,
      cancellationId: p.cancellationId,
      issuedAt: new Date(p.issuedAt),
      amountMinor: p.total.amountMinor,
      currencyCode: p.total.currencyCode,
      lines: p.lines,
    });
  }
}

/** product.created → which shop a product belongs to (page views do not say); attributes views that came first. */
@Injectable()
export class ProductSellerDashboardHandler implements EventHandler<ProductCreatedV1> {
  readonly topic = 'catalog.product.v1' as const;
  readonly eventType = 'product.created';

  async handle(event: EventEnvelope<ProductCreatedV1>, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO dashboard_product_sellers (product_id, seller_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      event.payload.productId,
      event.sellerId,
    ]);
    const pending = returnedRows<{ visitor_id: string; viewed_at: Date }>(
      await manager.query(`DELETE FROM dashboard_pending_page_views WHERE product_id = $1 RETURNING visitor_id, viewed_at`, [event.payload.productId]),
    );
    for (const view of pending) await applyPageView(manager, { sellerId: event.sellerId, visitorId: view.visitor_id, viewedAt: view.viewed_at });
  }
}

/** page.viewed → the shop's distinct visitors of the day (parked until the product's shop is known). */
@Injectable()
export class PageViewedDashboardHandler implements EventHandler<PageViewedV1> {
  readonly topic = 'storefront.traffic.v1' as const;
  readonly eventType = 'page.viewed';

  async handle(event: EventEnvelope<PageViewedV1>, manager: EntityManager): Promise<void> {
    const { productId, visitorId, viewedAt } = event.payload;
    const owners: Array<{ seller_id: string }> = await manager.query(`SELECT seller_id FROM dashboard_product_sellers WHERE product_id = $1`, [productId]);
    if (owners.length === 0) {
      await manager.query(
        `INSERT INTO dashboard_pending_page_views (event_id, product_id, visitor_id, viewed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [event.id, productId, visitorId, new Date(viewedAt)],
      );
      return;
    }
    await applyPageView(manager, { sellerId: owners[0].seller_id, visitorId, viewedAt: new Date(viewedAt) });
  }
}
