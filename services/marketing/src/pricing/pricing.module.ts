import { Module } from '@nestjs/common';
import { PromotionModule } from '../promotion/promotion.module';
import { PaidPrices } from './paid-prices';
import { SkuQuoteResolver } from './sku-quote.resolver';

/** Price quotes under the shop's promotions (`Sku.effectivePrice`, with @sc/pricing) and the lowest price paid in 30 days (`Sku.lowestPrice30d`). Exports nothing. */
@Module({
  imports: [PromotionModule],
  providers: [PaidPrices, SkuQuoteResolver],
})
export class PricingModule {}
