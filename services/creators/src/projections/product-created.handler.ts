import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProductCreatedV1 } from '@sc/events';
import { EventHandler } from '@sc/messaging';

/** product.created → the product's owner and title in creators' product read model. */
@Injectable()
export class ProductCreatedHandler implements EventHandler<ProductCreatedV1> {
  readonly topic = 'catalog.product.v1' as const;
  readonly eventType = 'product.created';

  async handle(event: EventEnvelope<ProductCreatedV1>, manager: EntityManager): Promise<void> {
    // A later lifecycle event of the same product may already have been applied (redelivery or
    // reordering): the row only moves forward in aggregate version. The seller never changes.
    await manager.query(
      `INSERT INTO catalog_products (id, seller_id, title, source_version, source_event_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE
         SET title = EXCLUDED.title, source_version = EXCLUDED.source_version,
             source_event_id = EXCLUDED.source_event_id, updated_at = now()
       WHERE catalog_products.source_version < EXCLUDED.source_version`,
      [event.payload.productId, event.sellerId, event.payload.title, event.aggregateVersion, event.id],
    );
  }
}
