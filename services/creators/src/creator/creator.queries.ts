import { Injectable } from '@nestjs/common';
import { AppError, PageArgs, assertValid, readPageArgs, toConnection } from '@sc/graphql';
import { CreatorRepository } from './creator.repository';
import { toCreator } from './creator.mapper';
import { mayReadCreators } from './creator-read-scope';
import { normalizeHandleSearch } from './register-creator.validation';

/** The creator directory as sellers browse it. */
@Injectable()
export class CreatorQueries {
  constructor(private readonly creators: CreatorRepository) {}

  async list(page: PageArgs, search: string | null) {
    if (!mayReadCreators()) throw new AppError('FORBIDDEN', 'The creator directory is for sellers and the platform');
    const { limit, afterKey } = readPageArgs(page);
    const { prefix, problems } = normalizeHandleSearch(search);
    assertValid(problems);
    const rows = await this.creators.list(prefix, limit, afterKey);
    return toConnection(rows.map(toCreator), limit);
  }
}
