import { Injectable } from '@nestjs/common';
import { EventEnvelope, ProductCreatedV1 } from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';

/** catalog.product.v1 → creators' product read model; each method runs in the consumer's inbox transaction. */
@Injectable()
export class CatalogProductEventHandlers {
  /** product.created → the product's owner and title in creators' product read model. */
  @OnEvent('catalog.product.v1', 'product.created')
  async onCreated(event: EventEnvelope<ProductCreatedV1>, tx: WriteTx): Promise<void> {
    // A later lifecycle event of the same product may already have been applied (redelivery or
    // reordering): the row only moves forward in aggregate version. The seller never changes.
    await tx.manager.query(
      `INSERT INTO catalog_products (id, seller_id, title, source_version, source_event_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE
         SET title = EXCLUDED.title, source_version = EXCLUDED.source_version,
             source_event_id = EXCLUDED.source_event_id, updated_at = EXCLUDED.updated_at
       WHERE catalog_products.source_version < EXCLUDED.source_version`,
      [event.payload.productId, event.sellerId, event.payload.title, event.aggregateVersion, event.id, tx.now],
    );
  }
}
