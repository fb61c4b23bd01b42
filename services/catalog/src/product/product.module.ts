import { Module } from '@nestjs/common';
import { ShopModule } from '../shop/shop.module';
// Resolvers first: their files load the GraphQL types in the order the committed schema prints them.
import { ShopProductsResolver } from './shop-products.resolver';
import { ProductResolver } from './product.resolver';
import { SkuResolver } from './sku.resolver';
import { ProductRepository } from './product.repository';
import { ProductLoaders } from './product.loaders';
import { ProductQueries } from './product.queries';
import { ProductService } from './product.service';
import { ProductCommandRunner } from './product-command.runner';
import { ProductLifecycleService } from './product-lifecycle.service';

/**
 * Products and SKUs: creation, the seller lifecycle (edit, prices, submit, bulk status actions), content
 * revisions, the listing check and the product reads (Product, Sku, Shop.products, Shop.productBucketCounts).
 * Stock belongs to the inventory module, which provides the two ports declared in `sku-stock.ports.ts`:
 * `SKU_STOCK_WRITER` (opening stock of new SKUs) and `SKU_STOCK_READS` (stock columns of the SKU queries).
 * Public API: {@link ProductCommandRunner} (platform review's commands) and {@link ProductLoaders} (SKUs
 * behind inventory's stock statuses).
 */
@Module({
  imports: [ShopModule],
  providers: [
    ProductRepository,
    ProductLoaders,
    ProductQueries,
    ProductService,
    ProductCommandRunner,
    ProductLifecycleService,
    ProductResolver,
    SkuResolver,
    ShopProductsResolver,
  ],
  exports: [ProductCommandRunner, ProductLoaders],
})
export class ProductModule {}
