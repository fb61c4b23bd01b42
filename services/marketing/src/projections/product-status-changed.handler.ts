import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProductStatusChangedV1 } from '@sc/events';
import { EventHandler } from '@sc/messaging';

/**
 * product.status_changed → the status in marketing's catalog read model. Only a newer catalog version
 * wins; a change that overtakes its product.created is left to that event's newer-wins upsert.
 */
@Injectable()
export class ProductStatusChangedHandler implements EventHandler<ProductStatusChangedV1> {
  readonly topic = 'catalog.product.v1' as const;
  readonly eventType = 'product.status_changed';

  async handle(event: EventEnvelope<ProductStatusChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE catalog_products SET status = $3, catalog_version = $4, source_event_id = $5, updated_at = now()
        WHERE product_id = $1 AND seller_id = $2 AND catalog_version < $4`,
      [event.payload.productId, event.sellerId, event.payload.to, event.aggregateVersion, event.id],
    );
  }
}
