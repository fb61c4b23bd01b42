import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { lockForUpdate } from '@sc/kit';
import { PromotionEntity } from './promotion.entity';
import { PromotionProductEntity } from './promotion-product.entity';
import { PromotionStatus } from './promotion-status';
import { promotionStatusCondition } from './promotion-status.rules';
import { PromotionReadScope } from './promotion-read-scope';
import { CatalogProductEntity } from '../projections/catalog-product.entity';

const ONGOING = promotionStatusCondition(PromotionStatus.ONGOING)!;

/** A promotion that discounts a given product. */
export interface ProductPromotion {
  productId: string;
  promotion: PromotionEntity;
}

/** Reads and locks of promotions; every read is bounded by the caller's scope or an already-scoped parent. */
@Injectable()
export class PromotionRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(scope: PromotionReadScope, ids: readonly string[], now: Date): Promise<PromotionEntity[]> {
    const qb = this.dataSource.getRepository(PromotionEntity).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids });
    if ('sellerId' in scope) qb.andWhere('p.sellerId = :sellerId', { sellerId: scope.sellerId });
    else qb.andWhere(ONGOING, { now });
    return qb.getMany();
  }

  /** Product links of promotions the caller may already read. */
  findProductsByPromotionIds(promotionIds: readonly string[]): Promise<PromotionProductEntity[]> {
    return this.dataSource
      .getRepository(PromotionProductEntity)
      .createQueryBuilder('pp')
      .where('pp.promotionId = ANY(:promotionIds)', { promotionIds })
      .orderBy('pp.promotionId')
      .addOrderBy('pp.productId')
      .getMany();
  }

  /**
   * Promotions ONGOING at `now` for each of the products, in one statement on promotion_products_product_idx.
   * A seller sees only their own products' promotions; other callers see any product's.
   */
  async findOngoingByProductIds(scope: PromotionReadScope, productIds: readonly string[], now: Date): Promise<ProductPromotion[]> {
    const qb = this.dataSource
      .getRepository(PromotionEntity)
      .createQueryBuilder('p')
      .innerJoin(PromotionProductEntity, 'pp', 'pp.promotionId = p.id')
      .addSelect('pp.productId', 'pp_product_id')
      .where('pp.productId = ANY(:productIds)', { productIds })
      .andWhere(ONGOING, { now });
    if ('sellerId' in scope) qb.andWhere('pp.sellerId = :sellerId', { sellerId: scope.sellerId });
    const { entities, raw } = await qb.orderBy('p.id', 'DESC').getRawAndEntities<{ p_id: string; pp_product_id: string }>();
    const byId = new Map(entities.map((p) => [p.id, p]));
    return raw.map((row) => ({ productId: row.pp_product_id, promotion: byId.get(row.p_id)! }));
  }

  /**
   * The promotions a price quote of these products may apply, with the product each discounts, in one
   * statement: a seller's own in any status (the engine lists one not started or ended as skipped), or only
   * those ongoing at `now` for everyone else (a future promotion is not public).
   */
  async findForPricingByProductIds(scope: PromotionReadScope, productIds: readonly string[], now: Date): Promise<ProductPromotion[]> {
    const qb = this.dataSource
      .getRepository(PromotionEntity)
      .createQueryBuilder('p')
      .innerJoin(PromotionProductEntity, 'pp', 'pp.promotionId = p.id')
      .addSelect('pp.productId', 'pp_product_id')
      .where('pp.productId = ANY(:productIds)', { productIds });
    if ('sellerId' in scope) qb.andWhere('pp.sellerId = :sellerId', { sellerId: scope.sellerId });
    else qb.andWhere(ONGOING, { now });
    const { entities, raw } = await qb.orderBy('p.id', 'ASC').getRawAndEntities<{ p_id: string; pp_product_id: string }>();
    const byId = new Map(entities.map((p) => [p.id, p]));
    return raw.map((row) => ({ productId: row.pp_product_id, promotion: byId.get(row.p_id)! }));
  }

  /**
   * One keyset page (limit + 1 rows) of a shop's promotions, newest first, on promotions_seller_idx;
   * a status filter is the window condition at `now`.
   */
  listForSeller(sellerId: string, status: PromotionStatus | null, now: Date, limit: number, afterId: string | null): Promise<PromotionEntity[]> {
    const qb = this.dataSource.getRepository(PromotionEntity).createQueryBuilder('p').where('p.sellerId = :sellerId', { sellerId });
    if (status) {
      const condition = promotionStatusCondition(status);
      if (!condition) return Promise.resolve([]);
      qb.andWhere(condition, { now });
    }
    if (afterId) qb.andWhere('p.id < :afterId', { afterId });
    return qb
      .orderBy('p.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  /** Which of these products the seller owns, according to marketing's catalog read model. */
  async findOwnedProductIds(sellerId: string, productIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.dataSource
      .getRepository(CatalogProductEntity)
      .createQueryBuilder('c')
      .select('c.productId', 'productId')
      .where('c.sellerId = :sellerId AND c.productId = ANY(:productIds)', { sellerId, productIds })
      .getRawMany<{ productId: string }>();
    return new Set(rows.map((r) => r.productId));
  }

  /** The seller's promotion locked for a state change; NOT_FOUND when unknown or another shop's. */
  lockById(manager: EntityManager, id: string, sellerId: string): Promise<PromotionEntity> {
    return lockForUpdate(manager, PromotionEntity, { id, sellerId }, { entity: 'Promotion', id });
  }

  async productIdsOf(manager: EntityManager, promotionId: string): Promise<string[]> {
    const rows = await manager.getRepository(PromotionProductEntity).find({ where: { promotionId }, order: { productId: 'ASC' } });
    return rows.map((r) => r.productId);
  }
}
