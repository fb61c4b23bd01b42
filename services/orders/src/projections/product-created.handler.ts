import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProductCreatedV1 } from '@sc/events';
import { EventHandler } from '@sc/messaging';
import { recordProductStatus } from './product-sellability';

/**
 * product.created → the SKUs' prices in orders' price read model. A status or price event of the same
 * product that arrived first (redelivery, replays) is newer and wins: its rows are left as they are.
 */
@Injectable()
export class ProductCreatedHandler implements EventHandler<ProductCreatedV1> {
  readonly topic = 'catalog.product.v1' as const;
  readonly eventType = 'product.created';

  async handle(event: EventEnvelope<ProductCreatedV1>, manager: EntityManager): Promise<void> {
    const { productId, skus, status } = event.payload;
    await recordProductStatus(manager, event, productId, status, status === 'ACTIVATE');
    await manager.query(
      `INSERT INTO sku_prices (sku_id, seller_id, product_id, price_minor, currency_code, source_event_id, price_version, sellable)
       SELECT s.sku_id, $1, $2, s.price_minor, s.currency_code, $3, $7,
              (SELECT ps.sellable FROM product_sellability ps WHERE ps.product_id = $2)
         FROM unnest($4::text[], $5::bigint[], $6::text[]) AS s(sku_id, price_minor, currency_code)
       ON CONFLICT (sku_id) DO NOTHING`,
      [
        event.sellerId,
        productId,
        event.id,
        skus.map((s) => s.skuId),
        skus.map((s) => s.price.amountMinor),
        skus.map((s) => s.price.currencyCode),
        event.aggregateVersion,
      ],
    );
  }
}
