import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  OrderCancelledV1,
  OrderLinesCancelledV1,
  OrderPaidV1,
  PageViewedV1,
  ProductCreatedV1,
  RefundIssuedV1,
  ShopRegisteredV1,
} from '@sc/events';
import { returnedRows } from '@sc/db';
import { OnEvent, WriteTx } from '@sc/kit';
import { rebuildDashboardRollups } from './rollup-rebuild';
import { applyOrderCancelled, applyOrderLinesCancelled, applyOrderPaid, applyPageView, applyRefundIssued } from './rollup.writer';

/**
 * The consumers feeding the home dashboard. Each runs inside the inbox transaction (`tx`, exactly once per
 * event) and tolerates redelivery and arrival in any order.
 */
@Injectable()
export class DashboardEventHandlers {
  /** shop.registered → the shop's currency and time zone; re-buckets the sales rollups when the zone changes. */
  @OnEvent('catalog.product.v1', 'shop.registered')
  async onShopRegistered(event: EventEnvelope<ShopRegisteredV1>, { manager }: WriteTx): Promise<void> {
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

  /** order.paid → GMV, net sales, orders and buyers of the payment day. */
  @OnEvent('orders.order.v1', 'order.paid')
  onOrderPaid(event: EventEnvelope<OrderPaidV1>, { manager }: WriteTx): Promise<void> {
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

  /** order.cancelled → a paid order leaves net sales. */
  @OnEvent('orders.order.v1', 'order.cancelled')
  onOrderCancelled(event: EventEnvelope<OrderCancelledV1>, { manager }: WriteTx): Promise<void> {
    return applyOrderCancelled(manager, { sellerId: event.sellerId, orderId: event.payload.orderId, cancelledAt: new Date(event.occurredAt) });
  }

  /** order.lines_cancelled → the cancelled lines' amount of a paid order leaves net sales. */
  @OnEvent('orders.order.v1', 'order.lines_cancelled')
  async onOrderLinesCancelled(event: EventEnvelope<OrderLinesCancelledV1>, { manager }: WriteTx): Promise<void> {
    const amount = event.payload.cancelledAmount;
    // Older producers did not say what the lines were worth; there is nothing to take out then.
    if (!amount || amount.amountMinor === '0') return;
    await applyOrderLinesCancelled(manager, { sellerId: event.sellerId, orderId: event.payload.orderId, amountMinor: amount.amountMinor });
  }

  /** refund.issued (returns) → refunds and net sales of the refund's own day. */
  @OnEvent('returns.refund.v1', 'refund.issued')
  onRefundIssued(event: EventEnvelope<RefundIssuedV1>, { manager }: WriteTx): Promise<void> {
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

  /** product.created → which shop a product belongs to (page views do not say); attributes views that came first. */
  @OnEvent('catalog.product.v1', 'product.created')
  async onProductCreated(event: EventEnvelope<ProductCreatedV1>, { manager }: WriteTx): Promise<void> {
    await manager.query(`INSERT INTO dashboard_product_sellers (product_id, seller_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      event.payload.productId,
      event.sellerId,
    ]);
    const pending = returnedRows<{ visitor_id: string; viewed_at: Date }>(
      await manager.query(`DELETE FROM dashboard_pending_page_views WHERE product_id = $1 RETURNING visitor_id, viewed_at`, [event.payload.productId]),
    );
    for (const view of pending) await applyPageView(manager, { sellerId: event.sellerId, visitorId: view.visitor_id, viewedAt: view.viewed_at });
  }

  /** page.viewed → the shop's distinct visitors of the day (parked until the product's shop is known). */
  @OnEvent('storefront.traffic.v1', 'page.viewed')
  async onPageViewed(event: EventEnvelope<PageViewedV1>, { manager }: WriteTx): Promise<void> {
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
