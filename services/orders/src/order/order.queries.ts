import { Injectable } from '@nestjs/common';
import { PageArgs, readPageArgs, toConnection } from '@sc/graphql';
import { OrderRepository } from './order.repository';
import { OrderStatus } from './order-status';
import { toOrder } from './order.mapper';

/** Seller-facing order lists. */
@Injectable()
export class OrderQueries {
  constructor(private readonly orders: OrderRepository) {}

  async listForShop(sellerId: string, page: PageArgs, status: OrderStatus | null) {
    const { limit, afterKey } = readPageArgs(page);
    const rows = await this.orders.listForSeller(sellerId, status, limit, afterKey);
    return toConnection(rows.map(toOrder), limit);
  }
}
