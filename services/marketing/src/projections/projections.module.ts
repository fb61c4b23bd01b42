import { Module } from '@nestjs/common';
import { CatalogProductEventHandlers } from './catalog-product-event.handlers';
import { PaidPriceHandlers } from './paid-price.handlers';

/**
 * Marketing's read models of other services: catalog's products, fed by `catalog.product.v1`
 * (`CatalogProductEventHandlers`), and the lowest prices paid per SKU and day, fed by orders' `order.paid`
 * (`PaidPriceHandlers`). It exports no provider: promotion and pricing read their tables directly.
 */
@Module({
  providers: [CatalogProductEventHandlers, PaidPriceHandlers],
})
export class ProjectionsModule {}
