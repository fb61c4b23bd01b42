import { Module } from '@nestjs/common';
import { PromotionModule } from '../promotion/promotion.module';
import { SkuQuoteResolver } from './sku-quote.resolver';

/** Price quotes under the shop's promotions (`Sku.effectivePrice`), with @sc/pricing. Exports nothing. */
@Module({
  imports: [PromotionModule],
  providers: [SkuQuoteResolver],
})
export class PricingModule {}
