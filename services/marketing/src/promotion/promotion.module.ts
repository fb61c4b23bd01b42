import { Module } from '@nestjs/common';
import { CreatePromotionService } from './create-promotion.service';
import { DeactivatePromotionService } from './deactivate-promotion.service';
import { PromotionLoaders } from './promotion.loaders';
import { PromotionQueries } from './promotion.queries';
import { PromotionRepository } from './promotion.repository';
import { PromotionResolver } from './promotion.resolver';

/**
 * Promotions on a shop's own products: `createPromotion`, `deactivatePromotion` and their reads. Public API: the
 * read services the references resolvers use (`PromotionLoaders`, `PromotionQueries`).
 */
@Module({
  providers: [PromotionRepository, PromotionLoaders, PromotionQueries, CreatePromotionService, DeactivatePromotionService, PromotionResolver],
  exports: [PromotionLoaders, PromotionQueries],
})
export class PromotionModule {}
