import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProductStatusChangedV1, SkuPriceChangedV1 } from '@sc/events';
import { EventHandler } from '@sc/messaging';
import { recordProductStatus } from './product-sellability';

/** product.status_changed → whether new orders may include the product's SKUs. */
@Injectable()
export class ProductStatusChangedHandler implements EventHandler<ProductStatusChangedV1> {
  readonly topic = 'catalog.product.v1' as const;
  readonly eventType = 'product.status_changed';

  async handle(event: EventEnvelope<ProductStatusChangedV1>, manager: EntityManager): Promise<void> {
    await recordProductStatus(manager, event, event.payload.productId, event.payload.to, event.payload.sellable);
  }
}

/**
 * sku.price_changed → the SKU's new price, unless a newer price (higher product version) is already
 * recorded. A price seen before its product.created opens the row, with the product's known sellability.
 */
@Injectable()
export class SkuPriceChangedHandler implements EventHandler<SkuPriceChangedV1> {
  readonly topic = 'catalog.product.v1' as const;
  readonly eventType = 'sku.price_changed';

  async handle(event: EventEnvelope<SkuPriceChangedV1>, manager: EntityManager): Promise<void> {
    const { productId, skuId, newPrice } = event.payload;
    await manager.query(
      `INSERT INTO sku_prices (sku_id, seller_id, product_id, price_minor, currency_code, source_event_id, price_version, sellable)
       VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE((SELECT ps.sellable FROM product_sellability ps WHERE ps.product_id = $3), false))
       ON CONFLICT (sku_id) DO UPDATE
         SET price_minor = EXCLUDED.price_minor, currency_code = EXCLUDED.currency_code, price_version = EXCLUDED.price_version,
             source_event_id = EXCLUDED.source_event_id, updated_at = now()
       WHERE sku_prices.price_version < EXCLUDED.price_version`,
      [skuId, event.sellerId, productId, newPrice.amountMinor, newPrice.currencyCode, event.id, event.aggregateVersion],
    );
  }
}
