import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ShopEntity } from './shop.entity';

@Injectable()
export class ShopRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Shops by id; callers pass only ids the caller may see. */
  findByIds(ids: readonly string[]): Promise<ShopEntity[]> {
    return this.dataSource.getRepository(ShopEntity).findBy({ id: In([...ids]) });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ShopEntity | null> {
    return manager.getRepository(ShopEntity).findOneBy({ id });
  }
}
