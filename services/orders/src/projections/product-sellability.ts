import { EventEnvelope } from '@sc/events';
import { AppError } from '@sc/graphql';
import { WriteTx } from '@sc/kit';
import { SkuPriceEntity } from './sku-price.entity';

/**
 * Records a product's status if it is newer than what orders knows (by catalog's product version) and
 * copies its sellability onto the product's SKU prices. Out-of-order or redelivered older events change
 * nothing, so the read model always settles on catalog's latest status.
 */
export async function recordProductStatus(tx: WriteTx, event: EventEnvelope, productId: string, status: string, sellable: boolean): Promise<void> {
  const applied: unknown[] = await tx.manager.query(
    `INSERT INTO product_sellability (product_id, seller_id, status, sellable, status_version, source_event_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (product_id) DO UPDATE
       SET status = EXCLUDED.status, sellable = EXCLUDED.sellable, status_version = EXCLUDED.status_version,
           source_event_id = EXCLUDED.source_event_id, updated_at = EXCLUDED.updated_at
     WHERE product_sellability.status_version < EXCLUDED.status_version
     RETURNING product_id`,
    [productId, event.sellerId, status, sellable, event.aggregateVersion, event.id, tx.now],
  );
  if (applied.length > 0) await tx.manager.query(`UPDATE sku_prices SET sellable = $2, updated_at = $3 WHERE product_id = $1`, [productId, sellable, tx.now]);
}

/** PRODUCT_NOT_AVAILABLE when an order would include a SKU of a product that is not live in catalog. */
export function assertSellable(prices: SkuPriceEntity[]): void {
  const unavailable = prices.filter((p) => !p.sellable).map((p) => p.skuId);
  if (unavailable.length > 0) {
    throw new AppError('PRODUCT_NOT_AVAILABLE', 'Some items are not available for sale', { skuIds: unavailable });
  }
}
