import { Module } from '@nestjs/common';
import { CatalogProductEventHandlers } from './catalog-product-event.handlers';
import { CatalogProductRepository } from './catalog-product.repository';

/**
 * Creators' read model of catalog's products, fed by `catalog.product.v1` (`CatalogProductEventHandlers`).
 * Public API: `CatalogProductRepository`, which collaborations check product ownership with.
 */
@Module({
  providers: [CatalogProductEventHandlers, CatalogProductRepository],
  exports: [CatalogProductRepository],
})
export class ProjectionsModule {}
