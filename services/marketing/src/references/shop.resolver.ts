import { Args, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { PageArgs } from '@sc/graphql';
import { Shop } from './shop.model';
import { PromotionConnection } from '../promotion/promotion.model';
import { PromotionStatus } from '../promotion/promotion-status';
import { PromotionQueries } from '../promotion/promotion.queries';

/** The promotion fields of catalog's Shop. */
@Resolver(() => Shop)
export class ShopResolver {
  constructor(private readonly promotionQueries: PromotionQueries) {}

  @ResolveField(() => PromotionConnection, { nullable: true, description: "The shop's promotions, newest first; for the shop's own staff." })
  promotions(@Parent() shop: Shop, @Args() page: PageArgs, @Args('status', { type: () => PromotionStatus, nullable: true }) status?: PromotionStatus) {
    ownShopId(shop.id, 'PROMOTIONS:VIEW', 'its promotions');
    return this.promotionQueries.listForShop(shop.id, page, status ?? null);
  }

  @ResolveReference()
  resolveReference(reference: { __typename: 'Shop'; id: string }): Shop {
    return { id: reference.id };
  }
}
