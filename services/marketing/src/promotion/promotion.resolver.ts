import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CLOCK, Clock, requestNow } from '@sc/kit';
import { Product } from './product.model';
import { Promotion } from './promotion.model';
import { PromotionLoaders } from './promotion.loaders';
import { CreatePromotionService } from './create-promotion.service';
import { DeactivatePromotionService } from './deactivate-promotion.service';
import { CreatePromotionInput, CreateTieredPromotionInput } from './create-promotion.input';
import { DeactivatePromotionInput } from './deactivate-promotion.input';
import { toPromotion } from './promotion.mapper';

@Resolver(() => Promotion)
export class PromotionResolver {
  constructor(
    private readonly loaders: PromotionLoaders,
    private readonly createService: CreatePromotionService,
    private readonly deactivateService: DeactivatePromotionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => Promotion, { nullable: true, description: "A promotion of the caller's shop, or any ONGOING promotion for other callers." })
  async promotion(@Args('id', { type: () => ID }) id: string): Promise<Promotion | null> {
    const entity = await this.loaders.promotionById().load(id);
    return entity ? toPromotion(entity, requestNow(this.clock)) : null;
  }

  @Mutation(() => Promotion, { description: "Creates a promotion on the shop's own products; it is published at once." })
  async createPromotion(@Args('input') input: CreatePromotionInput): Promise<Promotion> {
    return toPromotion(await this.createService.create(input), requestNow(this.clock));
  }

  @Mutation(() => Promotion, {
    description: "Creates a buy-more-save-more promotion on the shop's own products (their units count together); published at once.",
  })
  async createTieredPromotion(@Args('input') input: CreateTieredPromotionInput): Promise<Promotion> {
    return toPromotion(await this.createService.createTiered(input), requestNow(this.clock));
  }

  @Mutation(() => Promotion, { description: 'Ends a NOT_START or ONGOING promotion for good.' })
  async deactivatePromotion(@Args('input') input: DeactivatePromotionInput): Promise<Promotion> {
    return toPromotion(await this.deactivateService.deactivate(input), requestNow(this.clock));
  }

  @ResolveField(() => [Product], { description: 'The discounted products.' })
  async products(@Parent() promotion: Promotion): Promise<Product[]> {
    return (await this.loaders.productsByPromotionId().load(promotion.id)).map((pp) => ({ id: pp.productId }));
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Promotion'; id: string }): Promise<Promotion | null> {
    const entity = await this.loaders.promotionById().load(reference.id);
    return entity ? toPromotion(entity, requestNow(this.clock)) : null;
  }
}
