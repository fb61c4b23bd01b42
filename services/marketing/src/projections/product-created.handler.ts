import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProductCreatedV1 } from '@sc/events';
import { EventHandler } from '@sc/messaging';

/** product.created → the product in marketing's catalog read model. */
@Injectable()
export class ProductCreatedHandler implements EventHandler<ProductCreatedV1> {
  readonly topic = 'catalog.product.v1' as const;
  readonly eventType = 'product.created';

  async handle(event: EventEnvelope<ProductCreatedV1>, manager: EntityManager): Promise<void> {
    const { productId, title, status } = event.payload;
    // A later product event may have arrived first (out of order): keep whichever is newer.
    await manager.query(
      `INSERT INTO catalog_products (product_id, seller_id, title, status, catalog_version, source_event_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (product_id) DO UPDATE
         SET title = EXCLUDED.title, status = EXCLUDED.status, catalog_version = EXCLUDED.catalog_version,
             source_event_id = EXCLUDED.source_event_id, updated_at = now()
       WHERE catalog_products.catalog_version < EXCLUDED.catalog_version
         AND catalog_products.seller_id = EXCLUDED.seller_id`,
      [productId, event.sellerId, title, status, event.aggregateVersion, event.id],
    );
  }
}
