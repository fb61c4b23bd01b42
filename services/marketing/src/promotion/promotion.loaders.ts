import { Inject, Injectable } from '@nestjs/common';
import { batchLoader, groupLoader } from '@sc/graphql';
import { CLOCK, Clock, requestNow } from '@sc/kit';
import { ProductPromotion, PromotionRepository } from './promotion.repository';
import { PromotionEntity } from './promotion.entity';
import { PromotionProductEntity } from './promotion-product.entity';
import { promotionReadScope } from './promotion-read-scope';

/** Per-request batch loaders: N promotions or products in one request cost one SQL statement each. */
@Injectable()
export class PromotionLoaders {
  constructor(
    private readonly promotions: PromotionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  promotionById() {
    return batchLoader<string, PromotionEntity>(
      'marketing.promotionById',
      (ids) => this.promotions.findByIds(promotionReadScope(), ids, requestNow(this.clock)),
      (p) => p.id,
    );
  }

  productsByPromotionId() {
    return groupLoader<string, PromotionProductEntity>(
      'marketing.productsByPromotionId',
      (ids) => this.promotions.findProductsByPromotionIds(ids),
      (pp) => pp.promotionId,
    );
  }

  ongoingByProductId() {
    return groupLoader<string, ProductPromotion>(
      'marketing.ongoingByProductId',
      (ids) => this.promotions.findOngoingByProductIds(promotionReadScope(), ids, requestNow(this.clock)),
      (row) => row.productId,
    );
  }

  /** Promotions a quote of these products may apply (see PromotionRepository.findForPricingByProductIds). */
  forPricingByProductId() {
    return groupLoader<string, ProductPromotion>(
      'marketing.forPricingByProductId',
      (ids) => this.promotions.findForPricingByProductIds(promotionReadScope(), ids, requestNow(this.clock)),
      (row) => row.productId,
    );
  }
}
