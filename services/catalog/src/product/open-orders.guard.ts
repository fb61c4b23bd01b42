import { EntityManager } from 'typeorm';
import { AppError } from '@sc/graphql';
import { ProductEntity } from './product.entity';

/**
 * Refuses to go on while any SKU of the product holds units for open orders: reserved (placed, unpaid)
 * or committed (paid, awaiting shipment) in any warehouse. Those buckets only ever move with orders, so
 * they are exactly what open orders still need. The levels are share-locked, so a reservation in flight
 * commits first and is seen here.
 */
export async function assertNoOpenOrders(manager: EntityManager, product: ProductEntity): Promise<void> {
  const levels: Array<{ reserved: number; committed: number }> = await manager.query(
    `SELECT l.reserved, l.committed FROM inventory_levels l
      WHERE l.sku_id IN (SELECT s.id FROM skus s WHERE s.product_id = $1)
      ORDER BY l.sku_id, l.warehouse_id FOR SHARE OF l`,
    [product.id],
  );
  const reservedUnits = levels.reduce((sum, l) => sum + l.reserved, 0);
  const committedUnits = levels.reduce((sum, l) => sum + l.committed, 0);
  if (reservedUnits + committedUnits > 0) {
    throw new AppError('PRODUCT_HAS_OPEN_ORDERS', 'The product has units held for open orders; ship or cancel them first', {
      productId: product.id,
      reservedUnits,
      committedUnits,
    });
  }
}
