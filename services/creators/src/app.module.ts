import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, subgraphRootModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { ProjectionsModule } from './projections/projections.module';
import { CreatorModule } from './creator/creator.module';
import { CollaborationModule } from './collaboration/collaboration.module';
import { ReferencesModule } from './references/references.module';
import { Shop } from './references/shop.model';

/**
 * The creators subgraph: the creator directory and sellers' collaborations with creators.
 * Feature folders depend one way: references → collaboration → creator, projections.
 */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return subgraphRootModule(
      AppModule,
      { config, entities, migrations, orphanedTypes: [Shop], messaging: { publishes: ['creators.collaboration.v1', 'creators.audit.v1'] } },
      [ProjectionsModule, CreatorModule, CollaborationModule, ReferencesModule],
    );
  }
}
