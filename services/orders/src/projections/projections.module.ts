import { Module } from '@nestjs/common';
import { CatalogProductHandlers } from './catalog-product.handlers';

/**
 * Orders' read model of catalog's products (SKU prices and sellability), fed by `catalog.product.v1`
 * (`CatalogProductHandlers`). It exports no provider: placement reads its table (`SkuPriceEntity`) and checks
 * sellability (`assertSellable`) directly. It depends on no other folder.
 */
@Module({
  providers: [CatalogProductHandlers],
})
export class ProjectionsModule {}
