import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { ProductStatus } from './product-status';
import { ProductReadScope } from './read-scope';

function applyScope<T extends object>(qb: SelectQueryBuilder<T>, scope: ProductReadScope, productAlias: string): SelectQueryBuilder<T> {
  return 'sellerId' in scope
    ? qb.andWhere(`${productAlias}.sellerId = :scopeSellerId`, { scopeSellerId: scope.sellerId })
    : qb.andWhere(`${productAlias}.status = :liveStatus`, { liveStatus: ProductStatus.ACTIVATE });
}

/** Reads of products and SKUs; every query is bounded by the caller's scope. */
@Injectable()
export class ProductRepository {
  constructor(private readonly dataSource: DataSource) {}

  findProductsByIds(scope: ProductReadScope, ids: readonly string[]): Promise<ProductEntity[]> {
    const qb = this.dataSource.getRepository(ProductEntity).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids });
    return applyScope(qb, scope, 'p').getMany();
  }

  findSkusByIds(scope: ProductReadScope, ids: readonly string[]): Promise<SkuEntity[]> {
    const qb = this.dataSource
      .getRepository(SkuEntity)
      .createQueryBuilder('s')
      .innerJoin(ProductEntity, 'p', 'p.id = s.productId')
      .where('s.id = ANY(:ids)', { ids });
    return applyScope(qb, scope, 'p').getMany();
  }

  /** SKUs of products the caller may already see (the product was loaded through the scope). */
  findSkusByProductIds(productIds: readonly string[]): Promise<SkuEntity[]> {
    return this.dataSource
      .getRepository(SkuEntity)
      .createQueryBuilder('s')
      .where('s.productId = ANY(:productIds)', { productIds })
      .orderBy('s.productId')
      .addOrderBy('s.position')
      .getMany();
  }

  /** One keyset page (limit + 1 rows) of a shop's products, newest first, on products_seller_*_idx. */
  listForSeller(sellerId: string, status: ProductStatus | null, limit: number, afterId: string | null): Promise<ProductEntity[]> {
    const qb = this.dataSource.getRepository(ProductEntity).createQueryBuilder('p').where('p.sellerId = :sellerId', { sellerId });
    if (status) qb.andWhere('p.status = :status', { status });
    if (afterId) qb.andWhere('p.id < :afterId', { afterId });
    return qb.orderBy('p.id', 'DESC').limit(limit + 1).getMany();
  }
}
