import { Module } from '@nestjs/common';
import { CatalogProductHandlers } from './catalog-product.handlers';
import { PromotionOfferHandlers } from './promotion-offer.handlers';

/**
 * Orders' read models of other services: catalog's products (SKU prices and sellability), fed by
 * `catalog.product.v1` (`CatalogProductHandlers`), and marketing's promotions, fed by `marketing.promotion.v1`
 * (`PromotionOfferHandlers`). It exports no provider: placement reads their tables (`SkuPriceEntity`,
 * `promotion_offers` through `promotionsFor`) and checks sellability (`assertSellable`) directly. It depends on
 * no other folder.
 */
@Module({
  providers: [CatalogProductHandlers, PromotionOfferHandlers],
})
export class ProjectionsModule {}
