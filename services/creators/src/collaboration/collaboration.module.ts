import { Module } from '@nestjs/common';
import { CreatorModule } from '../creator/creator.module';
import { ProjectionsModule } from '../projections/projections.module';
import { CollaborationLoaders } from './collaboration.loaders';
import { CollaborationQueries } from './collaboration.queries';
import { CollaborationRepository } from './collaboration.repository';
import { CollaborationResolver } from './collaboration.resolver';
import { CreateCollaborationService } from './create-collaboration.service';

/**
 * Sellers' collaborations with creators on their own products: `createCollaboration` and its reads. Public API:
 * the read services the references resolvers use (`CollaborationLoaders`, `CollaborationQueries`).
 */
@Module({
  imports: [CreatorModule, ProjectionsModule],
  providers: [CollaborationRepository, CollaborationLoaders, CollaborationQueries, CreateCollaborationService, CollaborationResolver],
  exports: [CollaborationLoaders, CollaborationQueries],
})
export class CollaborationModule {}
