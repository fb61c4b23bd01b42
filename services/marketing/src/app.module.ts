import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, subgraphRootModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { ProjectionsModule } from './projections/projections.module';
import { PromotionModule } from './promotion/promotion.module';
import { ReferencesModule } from './references/references.module';
import { Shop } from './references/shop.model';

/**
 * The marketing subgraph: promotions on the seller's products, checked against a read model of catalog.
 * Feature folders depend one way: references → promotion → projections.
 */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return subgraphRootModule(
      AppModule,
      { config, entities, migrations, orphanedTypes: [Shop], messaging: { publishes: ['marketing.promotion.v1', 'marketing.audit.v1'] } },
      [ProjectionsModule, PromotionModule, ReferencesModule],
    );
  }
}
