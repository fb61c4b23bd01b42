import { Injectable } from '@nestjs/common';
import { EventEnvelope, ProductCreatedV1, ProductStatusChangedV1, SkuPriceChangedV1 } from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';
import { recordProductStatus } from './product-sellability';

/** Catalog's product events → orders' read model of SKU prices and product sellability, in the inbox transaction. */
@Injectable()
export class CatalogProductHandlers {
  /**
   * product.created → the SKUs' prices in orders' price read model. A status or price event of the same
   * product that arrived first (redelivery, replays) is newer and wins: its rows are left as they are.
   */
  @OnEvent('catalog.product.v1', 'product.created')
  async onProductCreated(event: EventEnvelope<ProductCreatedV1>, tx: WriteTx): Promise<void> {
    const { productId, skus, status } = event.payload;
    await recordProductStatus(tx, event, productId, status, status === 'ACTIVATE');
    await tx.manager.query(
      `INSERT INTO sku_prices (sku_id, seller_id, product_id, price_minor, currency_code, source_event_id, price_version, sellable, updated_at)
       SELECT s.sku_id, $1, $2, s.price_minor, s.currency_code, $3, $7,
              (SELECT ps.sellable FROM product_sellability ps WHERE ps.product_id = $2), $8
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
        tx.now,
      ],
    );
  }

  /** product.status_changed → whether new orders may include the product's SKUs. */
  @OnEvent('catalog.product.v1', 'product.status_changed')
  async onProductStatusChanged(event: EventEnvelope<ProductStatusChangedV1>, tx: WriteTx): Promise<void> {
    await recordProductStatus(tx, event, event.payload.productId, event.payload.to, event.payload.sellable);
  }

  /**
   * sku.price_changed → the SKU's new price, unless a newer price (higher product version) is already
   * recorded. A price seen before its product.created opens the row, with the product's known sellability.
   */
  @OnEvent('catalog.product.v1', 'sku.price_changed')
  async onSkuPriceChanged(event: EventEnvelope<SkuPriceChangedV1>, tx: WriteTx): Promise<void> {
    const { productId, skuId, newPrice } = event.payload;
    await tx.manager.query(
      `INSERT INTO sku_prices (sku_id, seller_id, product_id, price_minor, currency_code, source_event_id, price_version, sellable, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE((SELECT ps.sellable FROM product_sellability ps WHERE ps.product_id = $3), false), $8)
       ON CONFLICT (sku_id) DO UPDATE
         SET price_minor = EXCLUDED.price_minor, currency_code = EXCLUDED.currency_code, price_version = EXCLUDED.price_version,
             source_event_id = EXCLUDED.source_event_id, updated_at = EXCLUDED.updated_at
       WHERE sku_prices.price_version < EXCLUDED.price_version`,
      [skuId, event.sellerId, productId, newPrice.amountMinor, newPrice.currencyCode, event.id, event.aggregateVersion, tx.now],
    );
  }
}
