import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { lockForUpdate } from '@sc/kit';
import { ReturnRequestEntity } from './return-request.entity';
import { ReturnLineEntity } from './return-line.entity';
import { RELEASED_RETURN_STATUSES, ReturnStatus } from './return-status';
import { ReturnReadScope } from './return-read-scope';
import { ReturnableLine } from './returnable-quantity';
import { ProjectedOrderEntity } from '../projections/projected-order.entity';
import { ProjectedOrderLineEntity } from '../projections/projected-order-line.entity';

const scoped = (qb: SelectQueryBuilder<ReturnRequestEntity>, scope: ReturnReadScope) =>
  'sellerId' in scope ? qb.andWhere('r.sellerId = :sellerId', { sellerId: scope.sellerId }) : qb.andWhere('r.buyerId = :buyerId', { buyerId: scope.buyerId });

@Injectable()
export class ReturnRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  private requests() {
    return this.dataSource.getRepository(ReturnRequestEntity).createQueryBuilder('r');
  }

  findByIds(scope: ReturnReadScope, ids: readonly string[]): Promise<ReturnRequestEntity[]> {
    return scoped(this.requests().where('r.id = ANY(:ids)', { ids }), scope).getMany();
  }

  /** Requests of the given orders visible in `scope`, oldest first per order. */
  findByOrderIds(scope: ReturnReadScope, orderIds: readonly string[]): Promise<ReturnRequestEntity[]> {
    return scoped(this.requests().where('r.orderId = ANY(:orderIds)', { orderIds }), scope).orderBy('r.orderId').addOrderBy('r.id').getMany();
  }

  /** Lines of requests the caller already may read. */
  findLinesByRequestIds(requestIds: readonly string[]): Promise<ReturnLineEntity[]> {
    return this.dataSource
      .getRepository(ReturnLineEntity)
      .createQueryBuilder('l')
      .where('l.returnRequestId = ANY(:requestIds)', { requestIds })
      .orderBy('l.returnRequestId')
      .addOrderBy('l.position')
      .getMany();
  }

  /** One keyset page (limit + 1 rows) of a shop's requests, newest first, on return_requests_seller_*_idx. */
  listForSeller(sellerId: string, status: ReturnStatus | null, limit: number, afterId: string | null): Promise<ReturnRequestEntity[]> {
    const qb = this.requests().where('r.sellerId = :sellerId', { sellerId });
    if (status) qb.andWhere('r.status = :status', { status });
    if (afterId) qb.andWhere('r.id < :afterId', { afterId });
    return qb
      .orderBy('r.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  /**
   * The buyer's projected order, locked so concurrent requests on it check returnable quantities one
   * at a time; NOT_FOUND (Order) when unknown, another buyer's, or not yet placed in the projection.
   */
  lockOrderOfBuyer(manager: EntityManager, orderId: string, buyerId: string): Promise<ProjectedOrderEntity> {
    return lockForUpdate(manager, ProjectedOrderEntity, { id: orderId, buyerId }, { entity: 'Order', id: orderId });
  }

  /** Every request ever opened on the order, whatever its status (on return_requests_order_idx). */
  async countRequestsOfOrder(manager: EntityManager, orderId: string): Promise<number> {
    const [row]: Array<{ count: number }> = await manager.query(`SELECT count(*)::int AS count FROM return_requests WHERE order_id = $1`, [orderId]);
    return row.count;
  }

  orderLines(manager: EntityManager, orderId: string): Promise<ProjectedOrderLineEntity[]> {
    return manager.getRepository(ProjectedOrderLineEntity).find({ where: { orderId }, order: { position: 'ASC' } });
  }

  /**
   * Each line of the order with its units shipped and cancelled (from orders' events) and the units already
   * held by its requests that are not cancelled or closed. One statement.
   */
  async returnableLines(manager: EntityManager, orderId: string): Promise<ReturnableLine[]> {
    const rows: Array<{ id: string; ordered: number; shipped: string; cancelled: string; requested: string }> = await manager.query(
      `SELECT l.id, l.quantity AS ordered, COALESCE(u.shipped, 0) AS shipped, COALESCE(u.cancelled, 0) AS cancelled, COALESCE(r.requested, 0) AS requested
         FROM order_lines l
         LEFT JOIN (SELECT order_line_id, SUM(quantity) FILTER (WHERE kind = 'SHIPPED') AS shipped, SUM(quantity) FILTER (WHERE kind = 'CANCELLED') AS cancelled
                      FROM order_line_units WHERE order_id = $1 GROUP BY order_line_id) u ON u.order_line_id = l.id
         LEFT JOIN (SELECT rl.order_line_id, SUM(rl.quantity) AS requested
                      FROM return_lines rl JOIN return_requests rr ON rr.id = rl.return_request_id
                     WHERE rr.order_id = $1 AND rr.status <> ALL($2::text[]) GROUP BY rl.order_line_id) r ON r.order_line_id = l.id
        WHERE l.order_id = $1
        ORDER BY l.position`,
      [orderId, RELEASED_RETURN_STATUSES],
    );
    return rows.map((r) => ({
      orderLineId: r.id,
      ordered: r.ordered,
      shipped: Number(r.shipped),
      cancelled: Number(r.cancelled),
      alreadyRequested: Number(r.requested),
    }));
  }
}
