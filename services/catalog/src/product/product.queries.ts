import { Injectable } from '@nestjs/common';
import { FieldProblem, PageArgs, assertValid, checkText, readPageArgs, toConnection } from '@sc/graphql';
import { ProductRepository } from './product.repository';
import { ProductStatus } from './product-status';
import { ProductBucketCounts, ProductFilter } from './product-bucket';
import { toProduct } from './product.mapper';

function validateFilter(filter: ProductFilter): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (filter.keyword !== null && filter.keyword !== undefined) problems.push(...checkText('filter.keyword', filter.keyword, 1, 100));
  if (filter.warehouseId !== null && filter.warehouseId !== undefined) problems.push(...checkText('filter.warehouseId', filter.warehouseId, 1, 64));
  if (filter.createdFrom && filter.createdTo && filter.createdFrom > filter.createdTo) {
    problems.push({ field: 'filter.createdTo', message: 'must not be before createdFrom' });
  }
  return problems;
}

/** Seller-facing product lists and tab counts. */
@Injectable()
export class ProductQueries {
  constructor(private readonly products: ProductRepository) {}

  async listForShop(sellerId: string, page: PageArgs, filter: ProductFilter, status: ProductStatus | null) {
    const { limit, afterKey } = readPageArgs(page);
    assertValid(validateFilter(filter));
    const keyword = filter.keyword?.trim() || null;
    const keywordMode = keyword ? await this.products.keywordMode() : undefined;
    const rows = await this.products.listForSeller(sellerId, { ...filter, keyword, keywordMode, status }, limit, afterKey);
    return toConnection(rows.map(toProduct), limit);
  }

  async bucketCounts(sellerId: string): Promise<ProductBucketCounts> {
    const counts = await this.products.bucketCounts(sellerId);
    return {
      active: counts.ACTIVE,
      inReview: counts.IN_REVIEW,
      suspended: counts.SUSPENDED,
      inactive: counts.INACTIVE,
      drafts: counts.DRAFTS,
      deleted: counts.DELETED,
      outOfStock: counts.OUT_OF_STOCK,
    };
  }
}
