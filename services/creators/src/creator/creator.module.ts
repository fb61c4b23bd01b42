import { Module } from '@nestjs/common';
import { CreatorLoaders } from './creator.loaders';
import { CreatorQueries } from './creator.queries';
import { CreatorRepository } from './creator.repository';
import { CreatorResolver } from './creator.resolver';
import { RegisterCreatorService } from './register-creator.service';

/** The creator directory: `registerCreator` and its reads. Public API: `CreatorLoaders` (a collaboration's creator). */
@Module({
  providers: [CreatorRepository, CreatorLoaders, CreatorQueries, RegisterCreatorService, CreatorResolver],
  exports: [CreatorLoaders],
})
export class CreatorModule {}
