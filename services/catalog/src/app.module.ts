import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, ServiceCoreModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { ShopRepository } from './shop/shop.repository';
import { ShopService } from './shop/shop.service';
import { ShopLoaders } from './shop/shop.loaders';
import { ShopResolver } from './shop/shop.resolver';
import { ProductRepository } from './product/product.repository';
import { ProductLoaders } from './product/product.loaders';
import { ProductQueries } from './product/product.queries';
import { ProductService } from './product/product.service';
import { ProductResolver } from './product/product.resolver';
import { SkuResolver } from './product/sku.resolver';
import { PRODUCT_LIFECYCLE_PROVIDERS } from './product/product-lifecycle.providers';
import { INVENTORY_HANDLERS, INVENTORY_PROVIDERS } from './inventory/inventory.providers';

/** The catalog subgraph: shops, products, SKUs and inventory. */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({
          config,
          entities,
          migrations,
          messaging: { publishes: ['catalog.product.v1', 'catalog.inventory.v1'], handlers: [...INVENTORY_HANDLERS] },
        }),
      ],
      providers: [
        ShopRepository, ShopService, ShopLoaders, ShopResolver,
        ProductRepository, ProductLoaders, ProductQueries, ProductService, ProductResolver, SkuResolver, ...PRODUCT_LIFECYCLE_PROVIDERS,
        ...INVENTORY_PROVIDERS,
      ],
    };
  }
}
