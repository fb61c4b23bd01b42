import { Injectable } from '@nestjs/common';
import { batchLoader } from '@sc/graphql';
import { CreatorRepository } from './creator.repository';
import { CreatorEntity } from './creator.entity';
import { mayReadCreators } from './creator-read-scope';

/** Per-request batch loaders: N creators in one request cost one SQL statement. */
@Injectable()
export class CreatorLoaders {
  constructor(private readonly creators: CreatorRepository) {}

  /** Creators by id; callers who may not browse the directory get none (and cost no SQL). */
  creatorById() {
    return batchLoader<string, CreatorEntity>(
      'creators.creatorById',
      async (ids) => (mayReadCreators() ? this.creators.findByIds(ids) : []),
      (c) => c.id,
    );
  }
}
