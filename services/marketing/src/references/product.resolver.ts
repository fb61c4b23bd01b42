import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CLOCK, Clock, requestNow } from '@sc/kit';
import { Product } from '../promotion/product.model';
import { Promotion } from '../promotion/promotion.model';
import { PromotionLoaders } from '../promotion/promotion.loaders';
import { toPromotion } from '../promotion/promotion.mapper';

/** The promotion fields of catalog's Product. */
@Resolver(() => Product)
export class ProductResolver {
  constructor(
    private readonly loaders: PromotionLoaders,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ResolveField(() => [Promotion], {
    nullable: true,
    description: "Promotions discounting this product now. Sellers see their own products' promotions; buyers see any product's.",
  })
  async activePromotions(@Parent() product: Product): Promise<Promotion[]> {
    const now = requestNow(this.clock);
    return (await this.loaders.ongoingByProductId().load(product.id)).map((row) => toPromotion(row.promotion, now));
  }

  @ResolveReference()
  resolveReference(reference: { __typename: 'Product'; id: string }): Product {
    return { id: reference.id };
  }
}
