import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, ServiceCoreModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { Clock } from './clock';
import { ProductCreatedHandler } from './projections/product-created.handler';
import { ProductStatusChangedHandler } from './projections/product-status-changed.handler';
import { PromotionRepository } from './promotion/promotion.repository';
import { PromotionLoaders } from './promotion/promotion.loaders';
import { PromotionQueries } from './promotion/promotion.queries';
import { CreatePromotionService } from './promotion/create-promotion.service';
import { DeactivatePromotionService } from './promotion/deactivate-promotion.service';
import { PromotionResolver } from './promotion/promotion.resolver';
import { ProductResolver } from './references/product.resolver';
import { ShopResolver } from './references/shop.resolver';
import { Shop } from './references/shop.model';

/** The marketing subgraph: promotions on the seller's products, checked against a read model of catalog. */
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
          orphanedTypes: [Shop],
          messaging: { publishes: ['marketing.promotion.v1'], handlers: [ProductCreatedHandler, ProductStatusChangedHandler] },
        }),
      ],
      providers: [
        Clock, ProductCreatedHandler, ProductStatusChangedHandler, PromotionRepository, PromotionLoaders, PromotionQueries,
        CreatePromotionService, DeactivatePromotionService, PromotionResolver, ProductResolver, ShopResolver,
      ],
    };
  }
}
