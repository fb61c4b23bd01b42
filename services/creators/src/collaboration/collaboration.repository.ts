import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CollaborationEntity } from './collaboration.entity';

/** Reads of collaborations; every query is bounded by the seller from the request context. */
@Injectable()
export class CollaborationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(sellerId: string, ids: readonly string[]): Promise<CollaborationEntity[]> {
    return this.dataSource
      .getRepository(CollaborationEntity)
      .createQueryBuilder('c')
      .where('c.sellerId = :sellerId AND c.id = ANY(:ids)', { sellerId, ids })
      .getMany();
  }

  /** The seller's collaborations on any of the products, newest first, on collaborations_seller_product_idx. */
  findByProductIds(sellerId: string, productIds: readonly string[]): Promise<CollaborationEntity[]> {
    return this.dataSource
      .getRepository(CollaborationEntity)
      .createQueryBuilder('c')
      .where('c.sellerId = :sellerId AND c.productId = ANY(:productIds)', { sellerId, productIds })
      .orderBy('c.id', 'DESC')
      .getMany();
  }

  /** One keyset page (limit + 1 rows) of a shop's collaborations, newest first, on collaborations_seller_idx. */
  listForSeller(sellerId: string, limit: number, afterId: string | null): Promise<CollaborationEntity[]> {
    const qb = this.dataSource.getRepository(CollaborationEntity).createQueryBuilder('c').where('c.sellerId = :sellerId', { sellerId });
    if (afterId) qb.andWhere('c.id < :afterId', { afterId });
    return qb
      .orderBy('c.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }
}
