import { Injectable } from '@nestjs/common';
import { EventEnvelope, ProductCreatedV1, ProductStatusChangedV1 } from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';

/** catalog.product.v1 → marketing's catalog read model; each method runs in the consumer's inbox transaction. */
@Injectable()
export class CatalogProductEventHandlers {
  /** product.created → the product in marketing's catalog read model. */
  @OnEvent('catalog.product.v1', 'product.created')
  async onCreated(event: EventEnvelope<ProductCreatedV1>, tx: WriteTx): Promise<void> {
    const { productId, title, status } = event.payload;
    // A later product event may have arrived first (out of order): keep whichever is newer.
    await tx.manager.query(
      `INSERT INTO catalog_products (product_id, seller_id, title, status, catalog_version, source_event_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (product_id) DO UPDATE
         SET title = EXCLUDED.title, status = EXCLUDED.status, catalog_version = EXCLUDED.catalog_version,
             source_event_id = EXCLUDED.source_event_id, updated_at = EXCLUDED.updated_at
       WHERE catalog_products.catalog_version < EXCLUDED.catalog_version
         AND catalog_products.seller_id = EXCLUDED.seller_id`,
      [productId, event.sellerId, title, status, event.aggregateVersion, event.id, tx.now],
    );
  }

  /**
   * product.status_changed → the status in marketing's catalog read model. Only a newer catalog version
   * wins; a change that overtakes its product.created is left to that event's newer-wins upsert.
   */
  @OnEvent('catalog.product.v1', 'product.status_changed')
  async onStatusChanged(event: EventEnvelope<ProductStatusChangedV1>, tx: WriteTx): Promise<void> {
    await tx.manager.query(
      `UPDATE catalog_products SET status = $3, catalog_version = $4, source_event_id = $5, updated_at = $6
        WHERE product_id = $1 AND seller_id = $2 AND catalog_version < $4`,
      [event.payload.productId, event.sellerId, event.payload.to, event.aggregateVersion, event.id, tx.now],
    );
  }
}
