import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderListFilter } from './order-list.filter';
import { SkuPriceEntity } from '../projections/sku-price.entity';

/** An order of a list page with its lines, fetched together. */
export interface OrderWithLines {
  order: OrderEntity;
  lines: OrderLineEntity[];
}

const LINES_ALIAS = 'lines_json';
const DATE_TYPES = new Set(['timestamptz', 'timestamp with time zone', 'timestamp', 'date']);
// JSON would turn bigint money into floating-point numbers: such columns travel as text.
const TEXT_IN_JSON_TYPES = new Set(['bigint', 'int8', 'numeric', 'decimal']);

/** A correlated subquery: the order's lines as a JSON array in position order, exact for every column type. */
function linesAsJsonSql(columns: ColumnMetadata[], orderIdSql: string): string {
  const asText = columns.filter((c) => TEXT_IN_JSON_TYPES.has(String(c.type)));
  const overrides = asText.length ? ` || jsonb_build_object(${asText.map((c) => `'${c.databaseName}', l.${c.databaseName}::text`).join(', ')})` : '';
  return `SELECT coalesce(jsonb_agg(to_jsonb(l)${overrides} ORDER BY l.position), '[]'::jsonb) FROM order_lines l WHERE l.order_id = ${orderIdSql}`;
}

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

  /**
   * One keyset page (limit + 1 rows) of a shop's orders, newest first, each with its lines, in ONE
   * statement (the lines as a JSON array per order), so a page costs the same however long it is. Every
   * filter is a condition on orders under seller_id (indexes orders_seller_*); the SKU filter is a
   * semi-join on order_lines_seller_sku_idx.
   */
  async listForSeller(sellerId: string, filter: OrderListFilter, limit: number, afterId: string | null): Promise<OrderWithLines[]> {
    const qb = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o').where('o.sellerId = :sellerId', { sellerId });
    if (filter.statuses?.length) qb.andWhere('o.status = ANY(:statuses)', { statuses: filter.statuses });
    if (filter.createdFrom) qb.andWhere('o.createdAt >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('o.createdAt < :createdTo', { createdTo: filter.createdTo });
    if (filter.paidFrom) qb.andWhere('o.paidAt >= :paidFrom', { paidFrom: filter.paidFrom });
    if (filter.paidTo) qb.andWhere('o.paidAt < :paidTo', { paidTo: filter.paidTo });
    if (filter.shipByBefore) qb.andWhere('o.shipByAt < :shipByBefore', { shipByBefore: filter.shipByBefore });
    if (filter.buyerId) qb.andWhere('o.buyerId = :buyerId', { buyerId: filter.buyerId });
    if (filter.hasOpenCancellation === true) qb.andWhere('o.openCancellationId IS NOT NULL');
    if (filter.hasOpenCancellation === false) qb.andWhere('o.openCancellationId IS NULL');
    if (filter.skuId) {
      qb.andWhere('EXISTS (SELECT 1 FROM order_lines l WHERE l.seller_id = o.seller_id AND l.sku_id = :skuId AND l.order_id = o.id)', { skuId: filter.skuId });
    }
    if (afterId) qb.andWhere('o.id < :afterId', { afterId });
    qb.addSelect(`(${linesAsJsonSql(this.lineColumns(), 'o.id')})`, LINES_ALIAS);
    const { entities, raw } = await qb
      .orderBy('o.id', 'DESC')
      .limit(limit + 1)
      .getRawAndEntities<Record<string, unknown>>();
    const linesByOrder = new Map(raw.map((row) => [String(row.o_id), (row[LINES_ALIAS] ?? []) as Record<string, unknown>[]]));
    return entities.map((order) => ({ order, lines: (linesByOrder.get(order.id) ?? []).map((json) => this.lineFromJson(json)) }));
  }

  /** order_lines columns by database name, from the entity's metadata (so new columns come along). */
  private lineColumns(): ColumnMetadata[] {
    return this.dataSource.getMetadata(OrderLineEntity).columns;
  }

  private lineFromJson(json: Record<string, unknown>): OrderLineEntity {
    const line = new OrderLineEntity();
    for (const column of this.lineColumns()) {
      const value = json[column.databaseName];
      const target = line as unknown as Record<string, unknown>;
      if (value === null || value === undefined) target[column.propertyName] = value ?? null;
      else if (DATE_TYPES.has(String(column.type))) target[column.propertyName] = new Date(String(value));
      else target[column.propertyName] = value;
    }
    return line;
  }

  /** The shop's list prices of these SKUs, from orders' read model of catalog (one statement). */
  pricesFor(manager: EntityManager, sellerId: string, skuIds: string[]): Promise<SkuPriceEntity[]> {
    return manager
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
