import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, ServiceCoreModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { ProductCreatedHandler } from './projections/product-created.handler';
import { CatalogProductRepository } from './projections/catalog-product.repository';
import { CreatorRepository } from './creator/creator.repository';
import { CreatorLoaders } from './creator/creator.loaders';
import { CreatorQueries } from './creator/creator.queries';
import { RegisterCreatorService } from './creator/register-creator.service';
import { CreatorResolver } from './creator/creator.resolver';
import { CollaborationRepository } from './collaboration/collaboration.repository';
import { CollaborationLoaders } from './collaboration/collaboration.loaders';
import { CollaborationQueries } from './collaboration/collaboration.queries';
import { CreateCollaborationService } from './collaboration/create-collaboration.service';
import { CollaborationResolver } from './collaboration/collaboration.resolver';
import { ProductResolver } from './references/product.resolver';
import { ShopResolver } from './references/shop.resolver';
import { Shop } from './references/shop.model';

/** The creators subgraph: the creator directory and sellers' collaborations with creators. */
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
          messaging: { publishes: ['creators.collaboration.v1'], handlers: [ProductCreatedHandler] },
        }),
      ],
      providers: [
        ProductCreatedHandler, CatalogProductRepository,
        CreatorRepository, CreatorLoaders, CreatorQueries, RegisterCreatorService, CreatorResolver,
        CollaborationRepository, CollaborationLoaders, CollaborationQueries, CreateCollaborationService, CollaborationResolver,
        ProductResolver, ShopResolver,
      ],
    };
  }
}
