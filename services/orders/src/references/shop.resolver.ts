import { Args, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { Shop } from '../shared/shop.model';
import { OrderConnection } from '../order/order.model';
import { OrderStatus } from '../order/order-status';
import { OrderPageArgs, OrderQueries } from '../order/order.queries';
import { OrderListFilter } from '../order/order-list.filter';

/** The order fields of catalog's Shop. */
@Resolver(() => Shop)
export class ShopResolver {
  constructor(private readonly orderQueries: OrderQueries) {}

  @ResolveField(() => OrderConnection, { nullable: true, description: "The shop's orders, newest first." })
  orders(
    @Parent() shop: Shop,
    @Args() page: OrderPageArgs,
    @Args('status', { type: () => OrderStatus, nullable: true, deprecationReason: 'Use filter.statuses.' }) status?: OrderStatus,
    @Args('filter', { type: () => OrderListFilter, nullable: true }) filter?: OrderListFilter,
  ) {
    ownShopId(shop.id, 'ORDERS:VIEW', 'its orders');
    const merged: OrderListFilter = { ...(filter ?? {}), statuses: filter?.statuses ?? (status ? [status] : null) };
    return this.orderQueries.listForShop(shop.id, page, merged);
  }

  @ResolveReference()
  resolveReference(reference: { __typename: 'Shop'; id: string }): Shop {
    return { id: reference.id };
  }
}
