import { Args, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { PageArgs } from '@sc/graphql';
import { Shop } from './shop.model';
import { CollaborationConnection } from '../collaboration/collaboration.model';
import { CollaborationQueries } from '../collaboration/collaboration.queries';

/** The collaboration fields of catalog's Shop. */
@Resolver(() => Shop)
export class ShopResolver {
  constructor(private readonly collaborationQueries: CollaborationQueries) {}

  @ResolveField(() => CollaborationConnection, { nullable: true, description: "The shop's creator collaborations, newest first." })
  collaborations(@Parent() shop: Shop, @Args() page: PageArgs) {
    ownShopId(shop.id, 'CREATORS:VIEW', 'its collaborations');
    return this.collaborationQueries.listForShop(shop.id, page);
  }

  @ResolveReference()
  resolveReference(reference: { __typename: 'Shop'; id: string }): Shop {
    return { id: reference.id };
  }
}
