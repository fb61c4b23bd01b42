import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderStatus } from './order-status';
import { SkuPriceEntity } from '../projections/sku-price.entity';

/** Who may read an order: the shop's staff, or the buyer who placed it. */
export type OrderReadScope = { sellerId: string } | { buyerId: string };

@Injectable()
export class OrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(scope: OrderReadScope, ids: readonly string[]): Promise<OrderEntity[]> {
    const qb = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o').where('o.id = ANY(:ids)', { ids });
    if ('sellerId' in scope) qb.andWhere('o.sellerId = :sellerId', { sellerId: scope.sellerId });
    else qb.andWhere('o.buyerId = :buyerId', { buyerId: scope.buyerId });
    return qb.getMany();
  }

  /** Lines of orders the caller already may read. */
  findLinesByOrderIds(orderIds: readonly string[]): Promise<OrderLineEntity[]> {
    return this.dataSource
      .getRepository(OrderLineEntity)
      .createQueryBuilder('l')
      .where('l.orderId = ANY(:orderIds)', { orderIds })
      .orderBy('l.orderId')
      .addOrderBy('l.position')
      .getMany();
  }

  /** One keyset page (limit + 1 rows) of a shop's orders, newest first, on orders_seller_*_idx. */
  listForSeller(sellerId: string, status: OrderStatus | null, limit: number, afterId: string | null): Promise<OrderEntity[]> {
    const qb = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o').where('o.sellerId = :sellerId', { sellerId });
    if (status) qb.andWhere('o.status = :status', { status });
    if (afterId) qb.andWhere('o.id < :afterId', { afterId });
    return qb.orderBy('o.id', 'DESC').limit(limit + 1).getMany();
  }

  pricesFor(sellerId: string, skuIds: string[]): Promise<SkuPriceEntity[]> {
    return this.dataSource
      .getRepository(SkuPriceEntity)
      .createQueryBuilder('p')
      .where('p.sellerId = :sellerId AND p.skuId = ANY(:skuIds)', { sellerId, skuIds })
      .getMany();
  }

  /** The order locked for a state change, or null. */
  lockById(manager: EntityManager, id: string, sellerId: string): Promise<OrderEntity | null> {
    return manager
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id AND o.sellerId = :sellerId', { id, sellerId })
      .getOne();
  }
}
