import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { ProductStatus } from './product-status';
import { ProductReadScope } from './read-scope';
import { ProductRevisionEntity } from '../review/product-revision.entity';
import { BUCKET_PREDICATES, ProductBucket } from './product-bucket';

/** The seller list filters in the form the repository applies them. */
export interface ProductListFilter {
  bucket?: ProductBucket | null;
  status?: ProductStatus | null;
  keyword?: string | null;
  keywordMode?: 'contains' | 'prefix';
  outOfStock?: boolean | null;
  warehouseId?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
}

function applyScope<T extends object>(qb: SelectQueryBuilder<T>, scope: ProductReadScope, productAlias: string): SelectQueryBuilder<T> {
  if ('anyProduct' in scope) return qb;
  return 'sellerId' in scope
    ? qb.andWhere(`${productAlias}.sellerId = :scopeSellerId`, { scopeSellerId: scope.sellerId })
    : qb.andWhere(`${productAlias}.status = :liveStatus`, { liveStatus: ProductStatus.ACTIVATE });
}

// Units a SKU can sell across warehouses, as inventory defines it (reserved, committed and unsellable
// states all stay inside on hand).
const SKU_OUT_OF_STOCK = `EXISTS (
  SELECT 1 FROM skus s LEFT JOIN inventory_levels l ON l.sku_id = s.id
   WHERE s.product_id = p.id GROUP BY s.id
  HAVING COALESCE(sum(l.on_hand - l.reserved - l.committed - l.damaged - l.quality_control - l.safety_stock), 0) <= 0)`;

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

  /** The newest revision of each product; buyers and other outsiders see none (they see the live version). */
  async findLatestRevisions(scope: ProductReadScope, productIds: readonly string[]): Promise<ProductRevisionEntity[]> {
    if ('liveOnly' in scope) return [];
    const qb = this.dataSource
      .getRepository(ProductRevisionEntity)
      .createQueryBuilder('r')
      .distinctOn(['r.productId'])
      .where('r.productId = ANY(:productIds)', { productIds })
      .orderBy('r.productId')
      .addOrderBy('r.revisionNo', 'DESC');
    if ('sellerId' in scope) qb.andWhere('r.sellerId = :sellerId', { sellerId: scope.sellerId });
    return qb.getMany();
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

  /**
   * The keyset list query (limit + 1 rows) of a shop's products, newest first. A bucket uses its
   * partial index (products_bucket_*_idx), a status products_seller_status_idx, none products_seller_id_idx;
   * the other filters only narrow the rows walked in that order.
   */
  listQuery(sellerId: string, filter: ProductListFilter, limit: number, afterId: string | null): SelectQueryBuilder<ProductEntity> {
    const qb = this.dataSource.getRepository(ProductEntity).createQueryBuilder('p').where('p.sellerId = :sellerId', { sellerId });
    if (filter.bucket) qb.andWhere(BUCKET_PREDICATES[filter.bucket]);
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.keyword) {
      const pattern = filter.keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere('lower(p.title) LIKE :pattern', { pattern: filter.keywordMode === 'prefix' ? `${pattern}%` : `%${pattern}%` });
    }
    if (filter.outOfStock !== null && filter.outOfStock !== undefined) qb.andWhere(filter.outOfStock ? SKU_OUT_OF_STOCK : `NOT ${SKU_OUT_OF_STOCK}`);
    if (filter.warehouseId) {
      qb.andWhere('EXISTS (SELECT 1 FROM skus ws JOIN inventory_levels wl ON wl.sku_id = ws.id WHERE ws.product_id = p.id AND wl.warehouse_id = :warehouseId)', {
        warehouseId: filter.warehouseId,
      });
    }
    if (filter.createdFrom) qb.andWhere('p.createdAt >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('p.createdAt < :createdTo', { createdTo: filter.createdTo });
    if (afterId) qb.andWhere('p.id < :afterId', { afterId });
    return qb.orderBy('p.id', 'DESC').limit(limit + 1);
  }

  listForSeller(sellerId: string, filter: ProductListFilter, limit: number, afterId: string | null): Promise<ProductEntity[]> {
    return this.listQuery(sellerId, filter, limit, afterId).getMany();
  }

  /** Products per seller-center bucket, in one statement over the shop's rows. */
  async bucketCounts(sellerId: string): Promise<Record<ProductBucket, number>> {
    const columns = Object.entries(BUCKET_PREDICATES).map(([bucket, predicate]) => `count(*) FILTER (WHERE ${predicate})::int AS "${bucket}"`);
    const [row] = await this.dataSource.query(`SELECT ${columns.join(', ')} FROM products p WHERE p.seller_id = $1`, [sellerId]);
    return row;
  }

  /** Whether keyword search can use the trigram index (pg_trgm installed) or falls back to a prefix match. */
  async keywordMode(): Promise<'contains' | 'prefix'> {
    this.trigram ??= this.dataSource
      .query(`SELECT 1 FROM pg_indexes WHERE indexname = 'products_title_trgm_idx'`)
      .then((rows: unknown[]) => (rows.length > 0 ? 'contains' : 'prefix'));
    return this.trigram;
  }

  private trigram?: Promise<'contains' | 'prefix'>;
}
