import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { ProductStatus } from './product-status';
import { ProductReadScope } from './read-scope';
import { ProductRevisionEntity } from './product-revision.entity';
import { BUCKET_PREDICATES, ProductBucket } from './product-bucket';
import { SkuRow, SkuStockReads } from './sku-stock.ports';

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

/**
 * A product is out of stock when any of its SKUs is, by the one flag StockStatusService keeps per SKU
 * (available summed over all warehouses vs the SKU's threshold) — the flag behind Sku.outOfStock,
 * Shop.outOfStockSkus and sku.out_of_stock / sku.back_in_stock. Served by sku_stock_status_product_oos_idx.
 */
const PRODUCT_OUT_OF_STOCK_SQL = 'EXISTS (SELECT 1 FROM sku_stock_status st WHERE st.product_id = p.id AND st.out_of_stock)';

/** Products with stock records in warehouse :warehouseId (served by skus_product_idx and the levels' primary key). */
const PRODUCT_IN_WAREHOUSE_SQL =
  'EXISTS (SELECT 1 FROM skus ws JOIN inventory_levels wl ON wl.sku_id = ws.id WHERE ws.product_id = p.id AND wl.warehouse_id = :warehouseId)';

/** The (created_at, id) keyset position of the cursor's product, in the caller's shop only. */
const CURSOR_POSITION_SQL = 'SELECT c.created_at, c.id FROM products c WHERE c.id = :afterId AND c.seller_id = :sellerId';

/** Runs a query over SkuEntity aliased `s`: one statement, each SKU with its raw row (and the extra columns in it). */
async function getSkuRows(qb: SelectQueryBuilder<SkuEntity>): Promise<SkuRow[]> {
  const { entities, raw } = await qb.getRawAndEntities();
  const rawById = new Map<string, Record<string, unknown>>(raw.map((r: Record<string, unknown>) => [r.s_id as string, r]));
  return entities.map((sku) => ({ sku, raw: rawById.get(sku.id)! }));
}

/** Reads of products and SKUs; every query is bounded by the caller's scope. */
@Injectable()
export class ProductRepository {
  constructor(private readonly dataSource: DataSource) {}

  findProductsByIds(scope: ProductReadScope, ids: readonly string[]): Promise<ProductEntity[]> {
    const qb = this.dataSource.getRepository(ProductEntity).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids });
    return applyScope(qb, scope, 'p').getMany();
  }

  /** SKUs by id within the caller's scope, each with the stock columns `stock` adds (one statement). */
  findSkusByIds(scope: ProductReadScope, ids: readonly string[], stock: SkuStockReads): Promise<SkuRow[]> {
    const qb = this.dataSource
      .getRepository(SkuEntity)
      .createQueryBuilder('s')
      .innerJoin(ProductEntity, 'p', 'p.id = s.productId')
      .where('s.id = ANY(:ids)', { ids });
    return getSkuRows(stock.addStockColumns(applyScope(qb, scope, 'p')));
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

  /** SKUs of products the caller may already see (the product was loaded through the scope), with the stock columns `stock` adds. */
  findSkusByProductIds(productIds: readonly string[], stock: SkuStockReads): Promise<SkuRow[]> {
    return getSkuRows(
      stock.addStockColumns(
        this.dataSource
          .getRepository(SkuEntity)
          .createQueryBuilder('s')
          .where('s.productId = ANY(:productIds)', { productIds })
          .orderBy('s.productId')
          .addOrderBy('s.position'),
      ),
    );
  }

  /**
   * The keyset list query (limit + 1 rows) of a shop's products, newest first. A bucket uses its
   * partial index (products_bucket_*_idx), a status products_seller_status_idx, none products_seller_id_idx;
   * a created range products_seller_created_id_idx, ordered by (created_at, id). A keyword either narrows
   * the rows walked in that order or, when rare, comes from products_title_trgm_idx and only its matches
   * are sorted.
   */
  listQuery(sellerId: string, filter: ProductListFilter, limit: number, afterId: string | null): SelectQueryBuilder<ProductEntity> {
    const qb = this.dataSource.getRepository(ProductEntity).createQueryBuilder('p').where('p.sellerId = :sellerId', { sellerId });
    if (filter.bucket) qb.andWhere(BUCKET_PREDICATES[filter.bucket]);
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.keyword) {
      const pattern = filter.keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere('lower(p.title) LIKE :pattern', { pattern: filter.keywordMode === 'prefix' ? `${pattern}%` : `%${pattern}%` });
    }
    if (filter.outOfStock !== null && filter.outOfStock !== undefined) {
      qb.andWhere(filter.outOfStock ? PRODUCT_OUT_OF_STOCK_SQL : `NOT ${PRODUCT_OUT_OF_STOCK_SQL}`);
    }
    // Independent of outOfStock: the warehouse narrows which products, stock is still judged shop-wide.
    if (filter.warehouseId) qb.andWhere(PRODUCT_IN_WAREHOUSE_SQL, { warehouseId: filter.warehouseId });
    if (filter.createdFrom) qb.andWhere('p.createdAt >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('p.createdAt < :createdTo', { createdTo: filter.createdTo });
    if (filter.createdFrom || filter.createdTo) {
      // Walking ids newest-first would filter the range out of the whole shop; products_seller_created_id_idx
      // holds the range in (created_at, id) order instead. The cursor stays a product id: its position is
      // read back in the same statement (an init plan), and the row comparison is an index condition.
      if (afterId) qb.andWhere(`(p.createdAt, p.id) < (${CURSOR_POSITION_SQL})`, { afterId });
      return qb
        .orderBy('p.createdAt', 'DESC')
        .addOrderBy('p.id', 'DESC')
        .limit(limit + 1);
    }
    if (afterId) qb.andWhere('p.id < :afterId', { afterId });
    return qb.orderBy('p.id', 'DESC').limit(limit + 1);
  }

  listForSeller(sellerId: string, filter: ProductListFilter, limit: number, afterId: string | null): Promise<ProductEntity[]> {
    return this.listQuery(sellerId, filter, limit, afterId).getMany();
  }

  /**
   * Products per seller-center bucket, plus OUT_OF_STOCK: products outside the Deleted tab with an
   * out-of-stock SKU (the filter's definition). One pass over the shop's rows; the out-of-stock product
   * ids come once, as a hashed set, from the partial index of out-of-stock SKUs.
   */
  async bucketCounts(sellerId: string): Promise<Record<ProductBucket | 'OUT_OF_STOCK', number>> {
    const columns = Object.entries(BUCKET_PREDICATES).map(([bucket, predicate]) => `count(*) FILTER (WHERE ${predicate})::int AS "${bucket}"`);
    const outOfStockIds = 'SELECT st.product_id FROM sku_stock_status st WHERE st.seller_id = $1 AND st.out_of_stock';
    columns.push(`count(*) FILTER (WHERE NOT (${BUCKET_PREDICATES[ProductBucket.DELETED]}) AND p.id IN (${outOfStockIds}))::int AS "OUT_OF_STOCK"`);
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
