import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ProductStatus } from './product-status';

/** The seller-center tabs products are grouped in. */
export enum ProductBucket {
  ACTIVE = 'ACTIVE',
  IN_REVIEW = 'IN_REVIEW',
  SUSPENDED = 'SUSPENDED',
  INACTIVE = 'INACTIVE',
  DRAFTS = 'DRAFTS',
  DELETED = 'DELETED',
}
registerEnumType(ProductBucket, {
  name: 'ProductBucket',
  description:
    'ACTIVE = ACTIVATE; IN_REVIEW = PENDING or a revision in review (a live product then shows in ACTIVE too); SUSPENDED = FAILED, PLATFORM_DEACTIVATED or FREEZE; INACTIVE = SELLER_DEACTIVATED.',
});

/**
 * SQL predicate per bucket on the products alias `p`. Literal on purpose and textually the same as the
 * partial indexes of migration 1764300000000, so the planner can prove the index covers the query.
 */
export const BUCKET_PREDICATES: Readonly<Record<ProductBucket, string>> = {
  [ProductBucket.ACTIVE]: `p.status = '${ProductStatus.ACTIVATE}'`,
  [ProductBucket.IN_REVIEW]: `(p.status = '${ProductStatus.PENDING}' OR p.has_pending_revision)`,
  [ProductBucket.SUSPENDED]: `p.status IN ('${ProductStatus.FAILED}', '${ProductStatus.PLATFORM_DEACTIVATED}', '${ProductStatus.FREEZE}')`,
  [ProductBucket.INACTIVE]: `p.status = '${ProductStatus.SELLER_DEACTIVATED}'`,
  [ProductBucket.DRAFTS]: `p.status = '${ProductStatus.DRAFT}'`,
  [ProductBucket.DELETED]: `p.status = '${ProductStatus.DELETED}'`,
};

@InputType({ description: 'Filters of the seller product list; all given filters must match.' })
export class ProductFilter {
  @Field(() => ProductBucket, { nullable: true })
  bucket?: ProductBucket | null;

  @Field(() => String, { nullable: true, description: 'Matched against the title (case-insensitive).' })
  keyword?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "true: products with at least one out-of-stock SKU (Sku.outOfStock: available units summed over all warehouses at or below the SKU's threshold); " +
      'false: products none of whose SKUs is. Judged across all warehouses even when warehouseId is given.',
  })
  outOfStock?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Products with stock records in this warehouse. Combined with outOfStock it narrows the products, not the stock: out of stock stays shop-wide.',
  })
  warehouseId?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Products created at or after this instant. With createdFrom or createdTo the list is newest first by creation time (then id).',
  })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Products created before this instant (exclusive).' })
  createdTo?: Date | null;
}

@ObjectType({ description: 'How many products each seller-center tab holds.' })
export class ProductBucketCounts {
  @Field(() => Int)
  active: number;

  @Field(() => Int)
  inReview: number;

  @Field(() => Int)
  suspended: number;

  @Field(() => Int)
  inactive: number;

  @Field(() => Int)
  drafts: number;

  @Field(() => Int)
  deleted: number;

  @Field(() => Int, {
    description: 'Products outside the Deleted tab with at least one out-of-stock SKU: what filter { outOfStock: true } lists, deleted products left out.',
  })
  outOfStock: number;
}
