import { Args, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { PageArgs } from '@sc/graphql';
import { Shop } from './shop.model';
import { ReturnRequestConnection } from '../return-request/return-request.model';
import { ReturnStatus } from '../return-request/return-status';
import { ReturnRequestQueries } from '../return-request/return-request.queries';

/** The return fields of catalog's Shop. */
@Resolver(() => Shop)
export class ShopResolver {
  constructor(private readonly returnQueries: ReturnRequestQueries) {}

  @ResolveField(() => ReturnRequestConnection, { nullable: true, description: "The shop's return requests, newest first." })
  returnRequests(@Parent() shop: Shop, @Args() page: PageArgs, @Args('status', { type: () => ReturnStatus, nullable: true }) status?: ReturnStatus) {
    ownShopId(shop.id, 'RETURNS:VIEW', 'its return requests');
    return this.returnQueries.listForShop(shop.id, page, status ?? null);
  }

  @ResolveReference()
  resolveReference(reference: { __typename: 'Shop'; id: string }): Shop {
    return { id: reference.id };
  }
}
