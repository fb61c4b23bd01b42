import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreatorEntity } from './creator.entity';
import { handlePrefixPattern } from './register-creator.validation';

/** Reads of the creator directory (platform-wide reference data, not per seller). */
@Injectable()
export class CreatorRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(ids: readonly string[]): Promise<CreatorEntity[]> {
    return this.dataSource.getRepository(CreatorEntity).createQueryBuilder('c').where('c.id = ANY(:ids)', { ids }).getMany();
  }

  /**
   * One keyset page (limit + 1 rows), newest first; with a prefix, only handles starting with it
   * (served by creators_handle_uq, a text_pattern_ops index).
   */
  list(handlePrefix: string | null, limit: number, afterId: string | null): Promise<CreatorEntity[]> {
    const qb = this.dataSource.getRepository(CreatorEntity).createQueryBuilder('c');
    if (handlePrefix) qb.andWhere('c.handle LIKE :pattern', { pattern: handlePrefixPattern(handlePrefix) });
    if (afterId) qb.andWhere('c.id < :afterId', { afterId });
    return qb
      .orderBy('c.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }
}
