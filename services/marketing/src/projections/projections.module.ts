import { Module } from '@nestjs/common';
import { CatalogProductEventHandlers } from './catalog-product-event.handlers';

/**
 * Marketing's read model of catalog's products, fed by `catalog.product.v1` (`CatalogProductEventHandlers`).
 * It exports no provider: promotion reads its table (`CatalogProductEntity`) directly.
 */
@Module({
  providers: [CatalogProductEventHandlers],
})
export class ProjectionsModule {}
