import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, subgraphRootModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { ProjectionsModule } from './projections/projections.module';
import { PromotionModule } from './promotion/promotion.module';
import { ReferencesModule } from './references/references.module';
import { PricingModule } from './pricing/pricing.module';
import { Shop } from './references/shop.model';
import { Sku } from './pricing/sku.model';

/**
 * The marketing subgraph: promotions on the seller's products, checked against a read model of catalog, and
 * price quotes under them. Feature folders depend one way: references, pricing → promotion → projections.
 */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return subgraphRootModule(
      AppModule,
      { config, entities, migrations, orphanedTypes: [Shop, Sku], messaging: { publishes: ['marketing.promotion.v1', 'marketing.audit.v1'] } },
      [ProjectionsModule, PromotionModule, ReferencesModule, PricingModule],
    );
  }
}
