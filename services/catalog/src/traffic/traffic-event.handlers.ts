import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, PageViewedV1 } from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';

/**
 * page.viewed → daily rollups per shop and per product, bucketed by the shop's local day. The seller
 * comes from catalog's own products table (the storefront's claim is not trusted). Distinct visitors
 * are exact: a visitor id is stored once per day, and only a first sighting bumps the visitor count.
 */
@Injectable()
export class TrafficEventHandlers {
  private readonly logger = new Logger(TrafficEventHandlers.name);

  @OnEvent('storefront.traffic.v1', 'page.viewed')
  async onPageViewed(event: EventEnvelope<PageViewedV1>, { manager }: WriteTx): Promise<void> {
    const { productId, visitorId, viewedAt } = event.payload;
    if (Number.isNaN(Date.parse(viewedAt))) {
      this.logger.warn(JSON.stringify({ msg: 'page view without a valid timestamp ignored', eventId: event.id }));
      return;
    }
    const [target]: Array<{ seller_id: string; day: string }> = await manager.query(
      `SELECT p.seller_id, to_char(($2::timestamptz AT TIME ZONE s.time_zone)::date, 'YYYY-MM-DD') AS day
         FROM products p JOIN shops s ON s.id = p.seller_id WHERE p.id = $1`,
      [productId, viewedAt],
    );
    if (!target) return; // A product catalog does not know: nothing to attribute the view to.
    const { seller_id: sellerId, day } = target;
    const newShopVisitor: unknown[] = await manager.query(
      'INSERT INTO shop_daily_visitors (seller_id, day, visitor_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING visitor_id',
      [sellerId, day, visitorId],
    );
    const newProductVisitor: unknown[] = await manager.query(
      'INSERT INTO product_daily_visitors (product_id, day, visitor_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING visitor_id',
      [productId, day, visitorId],
    );
    await manager.query(
      `INSERT INTO shop_traffic_daily AS t (seller_id, day, visitors, page_views) VALUES ($1, $2, $3, 1)
       ON CONFLICT (seller_id, day) DO UPDATE SET visitors = t.visitors + EXCLUDED.visitors, page_views = t.page_views + 1`,
      [sellerId, day, newShopVisitor.length],
    );
    await manager.query(
      `INSERT INTO product_traffic_daily AS t (product_id, day, seller_id, visitors, page_views) VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (product_id, day) DO UPDATE SET visitors = t.visitors + EXCLUDED.visitors, page_views = t.page_views + 1`,
      [productId, day, sellerId, newProductVisitor.length],
    );
  }
}
