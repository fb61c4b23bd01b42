import { Injectable } from '@nestjs/common';
import { PageArgs, assertValid, readPageArgs, toConnection } from '@sc/graphql';
import { OrderRepository } from './order.repository';
import { OrderListFilter, validateOrderListFilter } from './order-list.filter';
import { toOrder } from './order.mapper';

/** Seller-facing order lists. */
@Injectable()
export class OrderQueries {
  constructor(private readonly orders: OrderRepository) {}

  async listForShop(sellerId: string, page: PageArgs, filter: OrderListFilter) {
    assertValid(validateOrderListFilter(filter));
    const { limit, afterKey } = readPageArgs(page);
    const rows = await this.orders.listForSeller(sellerId, filter, limit, afterKey);
    return toConnection(rows.map(toOrder), limit);
  }
}
