import { Injectable } from '@nestjs/common';
import { ArgsType, Field, Int } from '@nestjs/graphql';
import { PageArgs, assertValid, readPageArgs, toConnection } from '@sc/graphql';
import { OrderRepository } from './order.repository';
import { OrderListFilter, validateOrderListFilter } from './order-list.filter';
import { OrderLoaders } from './order.loaders';
import { toOrder } from './order.mapper';

/**
 * Largest page of a shop's order list: a page and its lines are one statement, so 200 costs the same
 * number of queries as 10.
 */
export const MAX_ORDER_PAGE_SIZE = 200;

/** `first`/`after` of the shop's order list, whose pages may be larger than other lists'. */
@ArgsType()
export class OrderPageArgs extends PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_ORDER_PAGE_SIZE}.` })
  declare first: number;
}

/** Seller-facing order lists. */
@Injectable()
export class OrderQueries {
  constructor(
    private readonly orders: OrderRepository,
    private readonly loaders: OrderLoaders,
  ) {}

  async listForShop(sellerId: string, page: PageArgs, filter: OrderListFilter) {
    assertValid(validateOrderListFilter(filter));
    const { limit, afterKey } = readPageArgs(page, MAX_ORDER_PAGE_SIZE);
    const rows = await this.orders.listForSeller(sellerId, filter, limit, afterKey);
    // The lines came with the page: Order.lines is served from the request's loader without another query.
    const lines = this.loaders.linesByOrderId();
    for (const row of rows) lines.prime(row.order.id, row.lines);
    return toConnection(
      rows.map((row) => toOrder(row.order)),
      limit,
    );
  }
}
